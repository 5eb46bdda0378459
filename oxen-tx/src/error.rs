//! The crate's one error type.

/// Everything that can be wrong with input to this crate. Each variant names the check that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An error from `oxen-crypto` (point/scalar decoding, varints, CLSAG verification, ...).
    #[error(transparent)]
    Crypto(#[from] oxen_crypto::Error),
    // --- commitments, ECDH, Bulletproofs ---
    /// A Bulletproof's bytes end early, or a length prefix is larger than the bytes that remain.
    #[error("bulletproof truncated")]
    BulletproofTruncated,
    /// Bytes remain after a Bulletproof that must fill its input.
    #[error("trailing bytes after bulletproof")]
    BulletproofTrailingBytes,
    /// `|L| != |R|` (the reference's serializer and verifier both refuse this).
    #[error("bulletproof has {l} L points but {r} R points")]
    BulletproofLrMismatch {
        /// `|L|`.
        l: usize,
        /// `|R|`.
        r: usize,
    },
    /// `L` is empty (reference: "Empty proof").
    #[error("bulletproof has no inner-product rounds")]
    BulletproofEmptyLr,
    /// A proof scalar (`taux`, `mu`, `a`, `b` or `t`, named) is not below the group order
    /// (reference `sc_check` / `is_reduced`).
    #[error("bulletproof scalar {0} is not canonical")]
    BulletproofNonCanonicalScalar(&'static str),
    /// A point (`V`, `A`, `S`, `T1`, `T2`, `L`, `R` or an output `commitment`, named) does not
    /// decode (reference `ge_frombytes_vartime` fails and the verifier throws).
    #[error("bulletproof point {0} does not decode")]
    BulletproofInvalidPoint(&'static str),
    /// No amounts to prove, or no commitments `V` to verify against.
    #[error("bulletproof over zero amounts")]
    BulletproofNoAmounts,
    /// More amounts or commitments than one proof covers (16).
    #[error("bulletproof over {count} amounts (at most 16)")]
    BulletproofTooManyAmounts {
        /// Number of amounts or commitments given.
        count: usize,
    },
    /// The prover got a different number of amounts and masks.
    #[error("bulletproof prover got {amounts} amounts but {masks} masks")]
    BulletproofAmountsMasksMismatch {
        /// Number of amounts.
        amounts: usize,
        /// Number of masks.
        masks: usize,
    },
    /// `|L| != 6 + log2(M)` for the number of commitments (reference: "Proof is not the expected
    /// size").
    #[error("bulletproof has {actual} rounds, expected {expected}")]
    BulletproofWrongRoundCount {
        /// `6 + log2(M)`.
        expected: usize,
        /// `|L|`.
        actual: usize,
    },
    /// A Fiat-Shamir challenge (`y`, `z`, `x`, `x_ip` or `w`, named) is zero.
    #[error("bulletproof challenge {0} is zero")]
    BulletproofZeroChallenge(&'static str),
    /// The verification equation does not hold (for a batch: for at least one proof).
    #[error("bulletproof verification equation failed")]
    BulletproofVerification,

    // --- Borromean range signatures (RingCT types 1 and 2) ---
    /// A Borromean range signature is not exactly 6176 bytes (`s0[64] || s1[64] || ee ||
    /// Ci[64]`).
    #[error("Borromean range signature is {len} bytes, expected 6176")]
    BorromeanLength {
        /// The length given.
        len: usize,
    },
    /// A bit commitment `Ci[index]` does not decode (reference `ge_frombytes_vartime` fails in
    /// `verRange`).
    #[error("Borromean bit commitment Ci[{index}] does not decode: {reason}")]
    BorromeanBitCommitmentInvalid {
        /// Bit index (0..64).
        index: usize,
        /// Why the point does not decode.
        reason: oxen_crypto::Error,
    },
    /// The bit commitments do not sum to the output commitment (compared as encodings, as
    /// `verRange` does).
    #[error("Borromean bit commitments do not sum to the output commitment")]
    BorromeanSumMismatch,
    /// `ee` is not reduced (`>= l`): it can never equal the reduced hash `verifyBorromean`
    /// compares it with (checked before the rounds; same verdict as the reference).
    #[error("Borromean challenge ee is not reduced")]
    BorromeanEeNotReduced,
    /// `Hs(LV_0 || .. || LV_63) != ee`: the ring signatures do not verify.
    #[error("Borromean ring signatures do not verify (Hs(LV) != ee)")]
    BorromeanChallengeMismatch,

    // --- RingCT signatures, transaction format, tx_extra ---
    /// The input ended inside a field.
    #[error("input truncated")]
    Truncated,
    /// Bytes remain after the end of the object (the reference's `serialization::done`).
    #[error("trailing bytes after the end of the object")]
    TrailingBytes,
    /// A count (vector length) needs more bytes than the input has left.
    #[error("count exceeds the remaining input")]
    CountTooLarge,
    /// A varint does not fit the width of its field (the reference's `EVARINT_OVERFLOW` for a
    /// narrower integer type).
    #[error("varint value does not fit its field")]
    VarintOutOfRange,
    /// A C++ `bool` byte is neither 0 nor 1 (the reference reads the raw byte into a `bool`;
    /// other values are undefined behaviour there and are rejected here).
    #[error("bool byte is neither 0 nor 1")]
    BoolInvalid,
    /// Transaction version is not 1..=4.
    #[error("transaction version must be 1..=4")]
    TxVersionInvalid,
    /// Transaction type (v4) is not 0..=9.
    #[error("transaction type must be 0..=9")]
    TxTypeInvalid,
    /// A v3+ prefix has a different number of output unlock times than outputs.
    #[error("output_unlock_times count differs from output count")]
    UnlockTimesMismatch,
    /// An input's variant tag is not 0xff, 0x00, 0x01 or 0x02.
    #[error("unknown input variant tag")]
    InputTagUnknown,
    /// An output target's variant tag is not 0x00, 0x01 or 0x02 (e.g. Monero's 0x03).
    #[error("unknown output target variant tag")]
    OutputTagUnknown,
    /// v1 signatures do not match the inputs (one per ring member of each `txin_to_key`).
    #[error("v1 signature count does not match the inputs")]
    SignatureCountMismatch,
    /// The transaction hash is undefined for this transaction (the reference fails).
    #[error("transaction hash cannot be computed for this transaction")]
    HashUnavailable,
    /// RingCT type is not 0..=5.
    #[error("RingCT type must be 0..=5")]
    RctTypeInvalid,
    /// The operation needs a RingCT type this transaction does not have (e.g. CLSAG).
    #[error("RingCT type not supported by this operation")]
    RctTypeUnsupported,
    /// RingCT vectors do not match the input/output counts (ecdhInfo, outPk, pseudoOuts,
    /// CLSAGs, MGs, ring sizes).
    #[error("RingCT element count does not match the transaction")]
    RctCountMismatch,
    /// More bulletproofs than outputs.
    #[error("more bulletproofs than outputs")]
    TooManyBulletproofs,
    /// A RingCT transaction does not carry exactly one bulletproof.
    #[error("transaction must carry exactly one bulletproof")]
    BulletproofCountInvalid,
    /// The bulletproofs cover fewer amounts than there are outputs, or have an invalid size.
    #[error("bulletproof does not cover the outputs")]
    BulletproofTooSmall,
    /// An output target is not `txout_to_key`.
    #[error("RingCT output is not a txout_to_key")]
    OutputNotToKey,
    /// Sum of pseudo-outputs differs from sum of output commitments plus fee·H.
    #[error("RingCT balance check failed: sum(pseudoOuts) != sum(outPk) + fee*H")]
    RctBalanceMismatch,
    /// The CLSAG of one input does not verify; `error` is oxen-crypto's error naming the failed
    /// check (e.g. `NonCanonicalScalar`, `IdentityKeyImage`, `SignatureMismatch`).
    #[error("CLSAG of input {input} does not verify: {error}")]
    ClsagInvalid {
        /// Index of the input.
        input: usize,
        /// The failed check.
        error: oxen_crypto::Error,
    },
    /// The MLSAG of one input (types 2-4; for type 1 the single MLSAG, input 0) does not verify;
    /// `error` is oxen-crypto's error naming the failed check.
    #[error("MLSAG of input {input} does not verify: {error}")]
    MlsagInvalid {
        /// Index of the input (0 for the single MLSAG of type 1).
        input: usize,
        /// The failed check.
        error: oxen_crypto::Error,
    },
    /// A RingCT builder argument is inconsistent (empty inputs, counts that differ, more than
    /// 16 outputs, a real index outside its ring).
    #[error("RingCT builder arguments are inconsistent")]
    BuilderArguments,
    /// Input amounts do not equal output amounts plus fee (or overflow).
    #[error("input amounts do not equal output amounts plus fee")]
    AmountsUnbalanced,
    /// A tx_extra field has an unknown tag.
    #[error("unknown tx_extra tag {tag:#04x}")]
    ExtraTagUnknown {
        /// The tag byte.
        tag: u8,
    },
    /// tx_extra padding longer than 255 bytes (tag included).
    #[error("tx_extra padding longer than 255 bytes")]
    ExtraPaddingTooLong,
    /// tx_extra padding contains a non-zero byte.
    #[error("tx_extra padding has a non-zero byte")]
    ExtraPaddingNonZero,
    /// tx_extra nonce longer than 255 bytes.
    #[error("tx_extra nonce longer than 255 bytes")]
    ExtraNonceTooLong,
    /// Service-node state change: first varint above 4, or a v4 state above 3.
    #[error("tx_extra state change version or state out of range")]
    ExtraStateChangeInvalid,
    /// ONS: mapping type >= 6, fields above 0x0f, or an owner/signature type >= 2.
    #[error("tx_extra ONS field out of range")]
    ExtraOnsInvalid,
    /// Ethereum contributor version is not 1.
    #[error("tx_extra ethereum contributor version must be 1")]
    ExtraContributorVersion,

    // --- consensus: the node's checks around the signatures (module `consensus`) ---
    /// Parse admission (`expand_transaction_1`): output commitment `outPk[output]` does not
    /// decode, so the Bulletproof's `V = outPk · 8⁻¹` cannot be restored (the reference throws).
    #[error("outPk[{output}] does not decode")]
    OutPkInvalid {
        /// Index of the output.
        output: usize,
    },
    /// `check_tx_semantic`: a transfer (standard, stake, ONS) without inputs.
    #[error("transfer transaction without inputs")]
    NoInputs,
    /// `check_tx_semantic` / `check_outs_valid`: a non-transfer transaction (state change,
    /// key-image unlock, Ethereum events) with inputs or outputs.
    #[error("non-transfer transaction with inputs or outputs")]
    NonTransferWithInputsOrOutputs,
    /// `Blockchain::check_tx_inputs`: a non-transfer transaction with a non-zero fee.
    #[error("non-transfer transaction with a fee")]
    NonTransferWithFee,
    /// `check_inputs_types_supported` (and the three `check_tx_inputs_*` checks): input `input`
    /// is not a `txin_to_key`.
    #[error("input {input} is not a txin_to_key")]
    InputNotToKey {
        /// Index of the input.
        input: usize,
    },
    /// `check_outs_valid` / `check_tx_outputs`: the key of output `output` is not a valid point
    /// encoding (`check_key`).
    #[error("output {output} key is not a valid point")]
    OutputKeyInvalid {
        /// Index of the output.
        output: usize,
    },
    /// `check_tx_outputs`: output `output` of a RingCT transaction has a non-zero amount
    /// (or, in a v1 transaction, `check_outs_valid`: a zero amount).
    #[error("output {output} amount is invalid for the transaction version")]
    OutputAmountInvalid {
        /// Index of the output.
        output: usize,
    },
    /// `check_money_overflow`: input or output amounts overflow 64 bits.
    #[error("input or output amounts overflow")]
    AmountOverflow,
    /// `check_tx_inputs_keyimages_diff`: inputs `first` and `second` have the same key image.
    #[error("inputs {first} and {second} have the same key image")]
    DuplicateKeyImage {
        /// Index of the first input with the key image.
        first: usize,
        /// Index of the second.
        second: usize,
    },
    /// `check_tx_inputs_ring_members_diff`: relative key offset `position` (>= 1) of input
    /// `input` is 0, i.e. the same output twice in the ring.
    #[error("input {input} lists a ring member twice (relative offset {position} is 0)")]
    DuplicateRingMember {
        /// Index of the input.
        input: usize,
        /// Index of the zero offset in `key_offsets`.
        position: usize,
    },
    /// `check_tx_inputs_keyimages_domain`: the key image of input `input` does not decode (the
    /// reference's `scalarmultKey` throws).
    #[error("key image of input {input} does not decode")]
    KeyImageInvalid {
        /// Index of the input.
        input: usize,
    },
    /// `check_tx_inputs_keyimages_domain`: `l·I != identity` for input `input`'s key image
    /// (it has a torsion component: the same output could be spent up to 8 times).
    #[error("key image of input {input} is not in the prime-order subgroup")]
    KeyImageNotInPrimeSubgroup {
        /// Index of the input.
        input: usize,
    },
    /// `is_canonical_bulletproof_layout`: not exactly one Bulletproof over 1..=16 amounts.
    #[error("bulletproof layout is not canonical (one proof over 1..=16 amounts)")]
    BulletproofLayoutNotCanonical,
    /// A transfer whose RingCT type is Null (only miner transactions may have none).
    #[error("transfer with RingCT type Null")]
    RctTypeNullOnTransfer,
    /// [`crate::consensus::ConsensusRules::for_hf`]: not a hard fork of the Oxen chain (7..=21).
    #[error("unknown hard fork version {hf}")]
    HardForkUnknown {
        /// The version asked for.
        hf: u8,
    },
    /// [`crate::consensus::ConsensusRules::for_test_network`]: a ring size below
    /// [`crate::consensus::MIN_TEST_RING_SIZE`].
    #[error("test-network ring size {size} is below the minimum")]
    TestRingSizeInvalid {
        /// The ring size asked for.
        size: usize,
    },
    /// `check_tx_inputs`: the transaction version is outside the hard fork's min/max.
    #[error("transaction version {version} not allowed at hard fork {hf}")]
    TxVersionNotAllowed {
        /// The transaction version.
        version: u16,
        /// The hard fork.
        hf: u8,
    },
    /// `check_tx_inputs`: the transaction type is above the hard fork's maximum.
    #[error("transaction type not allowed at hard fork {hf}")]
    TxTypeNotAllowed {
        /// The hard fork.
        hf: u8,
    },
    /// `check_tx_inputs` (`MIN_2_OUTPUTS`, from hf 16): a transfer other than ONS with fewer
    /// than two outputs.
    #[error("transfer with fewer than two outputs")]
    TooFewOutputs,
    /// `check_tx_outputs` (the rules that depend only on the hard fork): this RingCT type is not
    /// allowed at hard fork `hf`.
    #[error("RingCT type not allowed at hard fork {hf}")]
    RctTypeNotAllowed {
        /// The hard fork.
        hf: u8,
    },
    /// `check_tx_inputs`: input `input` has no key offsets.
    #[error("input {input} has no key offsets")]
    KeyOffsetsEmpty {
        /// Index of the input.
        input: usize,
    },
    /// `check_tx_inputs`: input `input`'s ring has `size` members, the hard fork requires
    /// `expected` (`TX_OUTPUT_DECOYS + 1` = 10).
    #[error("input {input} ring size {size}, expected {expected}")]
    RingSizeInvalid {
        /// Index of the input.
        input: usize,
        /// Its ring size (`key_offsets.len()`).
        size: usize,
        /// The required size.
        expected: usize,
    },
    /// `check_tx_inputs`: input `input`'s key image is not strictly smaller (memcmp) than the
    /// previous input's.
    #[error("key images not strictly descending at input {input}")]
    KeyImagesUnsorted {
        /// Index of the input.
        input: usize,
    },
    /// [`crate::consensus::verify_block_for_node`] (upstream: `BlockchainLMDB::add_spent_key`
    /// refuses a key image already added, so `Blockchain::add_block` refuses the block) and
    /// [`crate::consensus::PendingKeyImages`]: input `input`'s key image is already spent by
    /// the transaction at position `earlier` (an earlier transaction of the same block, or the
    /// position a pool transaction was added under).
    #[error("key image of input {input} is already spent by pending transaction {earlier}")]
    KeyImageConflict {
        /// Index of the input of the later transaction.
        input: usize,
        /// Position of the earlier transaction spending the same key image.
        earlier: usize,
    },
    /// [`crate::consensus::verify_block_for_node`]: the block holds this transaction a second
    /// time (upstream: `tx_exists` / `tx_memory_pool::take_tx` find no second copy, and
    /// `prepare_handle_incoming_blocks` refuses a duplicate transaction).
    #[error("transaction repeats transaction {earlier} of the block")]
    TransactionRepeated {
        /// Index of the first copy in the block.
        earlier: usize,
    },
    /// Chain state ([`crate::consensus::ChainState::transaction_on_chain`]): the chain already
    /// holds this transaction (`BlockchainDB::tx_exists`: a block with it is refused, the pool
    /// never adds it).
    #[error("transaction is already on chain")]
    TransactionOnChain,
    /// Chain state ([`crate::consensus::ChainState::key_image_spent`]): input `input`'s key
    /// image is already spent on chain (`have_tx_keyimg_as_spent`).
    #[error("key image of input {input} is spent")]
    KeyImageSpent {
        /// Index of the input.
        input: usize,
    },
    /// Chain state ([`crate::consensus::ChainState::key_image_blacklisted`], from hf 11): input
    /// `input`'s key image is blacklisted by the service-node network (`check_tx_inputs`:
    /// `m_key_image_blacklisted`).
    #[error("key image of input {input} is blacklisted by the service-node network")]
    KeyImageBlacklisted {
        /// Index of the input.
        input: usize,
    },
    /// Chain state ([`crate::consensus::ChainState::key_image_stake_locked`], from hf 11):
    /// input `input`'s key image is locked in a service-node stake (`check_tx_inputs`:
    /// `m_key_image_locked_by_snode`).
    #[error("key image of input {input} is locked in a stake")]
    KeyImageStakeLocked {
        /// Index of the input.
        input: usize,
    },
    /// Chain state ([`crate::consensus::ChainState::key_image_in_pool`], pool admission
    /// only): input `input`'s key image is spent by a transaction already in the pool
    /// (`tx_memory_pool::add_tx` → `have_tx_keyimges_as_spent`: `m_double_spend`).
    #[error("key image of input {input} is spent by a transaction in the pool")]
    KeyImageInPool {
        /// Index of the input.
        input: usize,
    },
    /// Chain state ([`crate::consensus::ChainState::ring`]): input `input`'s ring members do not
    /// all exist, are locked or too young, or their number differs from the key offsets.
    #[error("ring of input {input} is not available")]
    RingUnavailable {
        /// Index of the input.
        input: usize,
    },
    /// Chain state ([`crate::consensus::ChainState::ring`], looked up under the input's
    /// amount as `Blockchain::scan_outputkeys_for_indexes` does): input `input` says
    /// `amount != 0` and the chain has no outputs of that amount at its key offsets (RingCT
    /// outputs are indexed under amount 0).
    #[error("ring of input {input} is not available under amount {amount}")]
    RingUnavailableAtAmount {
        /// Index of the input.
        input: usize,
        /// The input's (non-zero) amount field.
        amount: u64,
    },
    /// `expand_transaction_2` / `check_tx_inputs`: no rings, an empty first ring, or input
    /// `input`'s ring does not fit the signature type (type Full: longer or shorter than the
    /// first ring).
    #[error("ring of input {input} has the wrong shape")]
    RingShapeInvalid {
        /// Index of the input.
        input: usize,
    },
    /// A chain-state or policy rule of the caller ([`crate::consensus::ChainState::check_policy`])
    /// rejected the transaction.
    #[error("rejected by the caller's chain-state policy")]
    ChainPolicy,

    // --- range-proof backends ---
    /// A range proof was asked for over zero amounts or more than the backend aggregates.
    #[error("range proof over {count} amounts: must be 1..={max}")]
    RangeProofAmountCount {
        /// Number of amounts given.
        count: usize,
        /// Largest number of amounts one proof covers.
        max: usize,
    },
    /// Amounts and blinding factors differ in number.
    #[error("range proof over {amounts} amounts given {blindings} blinding factors")]
    RangeProofBlindingCount {
        /// Number of amounts given.
        amounts: usize,
        /// Number of blinding factors given.
        blindings: usize,
    },
    /// A Ristretto blinding factor is not a canonical scalar (it must be below the group order).
    #[error("Ristretto blinding factor is not a canonical scalar")]
    RistrettoNonCanonicalBlinding,
    /// A Ristretto commitment is not the canonical encoding of a Ristretto255 point.
    #[error("Ristretto commitment is not a canonical Ristretto255 point encoding")]
    RistrettoInvalidCommitment,
    /// A Ristretto range proof's bytes do not parse (length not `32·(9 + 2k)` with `k < 32`,
    /// or a non-canonical scalar).
    #[error("Ristretto range proof encoding is malformed")]
    RistrettoProofEncoding,
    /// The `bulletproofs` crate's prover failed internally. The inputs it could reject are
    /// checked before it runs, so this is not expected to occur.
    #[error("Ristretto range prover failed internally")]
    RistrettoProver,

    // --- scanning and ONS records (oxen-tx `scan`, `extra::ons_builder`) ---
    /// ONS update builder: no new value, owner or backup owner (an update must change something).
    #[error("ONS update changes nothing")]
    OnsUpdateChangesNothing,
    /// ONS renew builder: only lokinet records are renewed.
    #[error("ONS renew of a non-lokinet mapping type")]
    OnsRenewNotLokinet,
    /// ONS renew builder: `prev_txid` is zero (a renewal names the record's latest txid).
    #[error("ONS renew without a previous txid")]
    OnsRenewWithoutPrevTxid,
    /// ONS update signature data: the encrypted value is longer than 113 bytes.
    #[error("ONS value of {len} bytes is longer than 113")]
    OnsValueTooLong {
        /// The value's length.
        len: usize,
    },
    /// Scanner: the spend secret given does not match the view-only pair's spend public key
    /// (`b G != B`).
    #[error("spend secret does not match the spend public key")]
    ScanSpendKeyMismatch,
}
