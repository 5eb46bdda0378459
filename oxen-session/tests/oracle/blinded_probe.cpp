// oxen-rs probe (not upstream code) of libsession-util 8762e9d3 / libsodium 1.0.18 on inputs the
// vector files do not reach; its output is pinned in tests/blinded_dm.rs and tests/order2.rs.
//
// 1. The 15 sender check of decrypt_from_blinded_recipient on crafted sender ids (`NEGATED`,
//    `BASELINE`, `BIT247`).
// 2. Points with an order-2 component, which libsodium's "main subgroup" check accepts (it tests
//    only that the X coordinate of L·P is zero): the conversion and multiplication rules on them
//    and on the 38 encodings with y >= p, the blinded ids of such a key and of its Session ID,
//    blinded DMs to and from such ids.
//
// Build against the oracle of shared/oracles/session (after its build.sh, in its $WORK):
//   g++ -std=c++17 -O1 -o flip_probe flip_probe.cpp obj/*.o -Ils/include -Ioxenc \
//       -Isodium/src/libsodium/include -I<shared>/oracles/session/gen build-sodium/libsodium-internal.a
//
// The ciphertexts are crafted with the recipient's secret: key = BLAKE2b-256(a_r·P ‖ P ‖ R) for
// the chosen sender id P (what the recipient computes), inner = "probe" ‖ A_sender.
#include <sodium.h>

#include <cstdio>
#include <cstring>
#include <session/blinding.hpp>
#include <session/session_encrypt.hpp>
#include <string>

using session::ustring;

static std::string hex(const ustring& v) {
    static const char* d = "0123456789abcdef";
    std::string s;
    for (auto c : v) {
        s += d[c >> 4];
        s += d[c & 15];
    }
    return s;
}
static ustring edsk(unsigned char b) {
    ustring seed(32, b);
    unsigned char pk[32], sk[64];
    crypto_sign_ed25519_seed_keypair(pk, sk, seed.data());
    return ustring(sk, 64);
}
// The key the recipient derives for sender id `sid` (its point P): BLAKE2b-256(a_r·P ‖ P ‖ R).
static bool key_for(const ustring& r_sk, const ustring& sid, const ustring& rid, unsigned char* key) {
    unsigned char a[32], ss[32];
    crypto_sign_ed25519_sk_to_curve25519(a, r_sk.data());
    if (crypto_scalarmult_ed25519_noclamp(ss, a, sid.data() + 1))
        return false;
    crypto_generichash_blake2b_state st;
    crypto_generichash_blake2b_init(&st, nullptr, 0, 32);
    crypto_generichash_blake2b_update(&st, ss, 32);
    crypto_generichash_blake2b_update(&st, sid.data() + 1, 32);
    crypto_generichash_blake2b_update(&st, rid.data() + 1, 32);
    crypto_generichash_blake2b_final(&st, key, 32);
    return true;
}
static ustring seal(const unsigned char* key, const ustring& inner, unsigned char nonce_byte) {
    ustring nonce(24, nonce_byte), ct(1 + inner.size() + 16, 0);
    unsigned long long len;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
            ct.data() + 1, &len, inner.data(), inner.size(), nullptr, 0, nullptr, nonce.data(), key);
    return ct + nonce;
}
static void run_dm(const char* name, const ustring& r_sk, const ustring& spk, const ustring& sid,
                const ustring& rid, const ustring& ct) {
    printf("case %s\n sender_id %s\n recipient_id %s\n ciphertext %s\n", name, hex(sid).c_str(),
           hex(rid).c_str(), hex(ct).c_str());
    try {
        auto [m, s] = session::decrypt_from_blinded_recipient(r_sk, spk, sid, rid, ct);
        printf(" OK plaintext %s sender %s\n", hex(m).c_str(), s.c_str());
    } catch (std::exception& e) {
        printf(" ERR %s\n", e.what());
    }
}
static void order2();

int main() {
    if (sodium_init() < 0)
        return 1;
    order2();
    ustring spk(32, 0x33);
    auto r_sk = edsk(0x52);
    auto [B, b] = session::blind15_key_pair(r_sk, spk);
    ustring rid = ustring(1, 0x15) + ustring(B.data(), 32);
    ustring msg(reinterpret_cast<const unsigned char*>("probe"), 5);
    unsigned char key[32];
    for (int i = 1; i < 64; i++) {
        auto s_sk = edsk(static_cast<unsigned char>(i));
        auto [A, a] = session::blind15_key_pair(s_sk, spk);
        ustring sid = ustring(1, 0x15) + ustring(A.data(), 32);
        ustring inner = msg + s_sk.substr(32);
        if (i == 1) {
            ustring neg = sid;
            neg[32] ^= 0x80;  // bit 255: the negation
            if (key_for(r_sk, neg, rid, key))
                run_dm("negated_sender_id", r_sk, spk, neg, rid, seal(key, inner, 7));
            if (key_for(r_sk, sid, rid, key))
                run_dm("baseline", r_sk, spk, sid, rid, seal(key, inner, 7));
        }
        ustring f247 = sid;
        f247[31] ^= 0x80;  // what upstream flips: byte 31 of the 33-byte id
        if (key_for(r_sk, f247, rid, key)) {
            run_dm("bit247_flipped_sender_id", r_sk, spk, f247, rid, seal(key, inner, 9));
            printf(" sender seed byte %d\n", i);
            break;
        }
    }
    return 0;
}

static void print(const char* what, int rc, const unsigned char* v, size_t n) {
    printf("%s rc=%d %s\n", what, rc, rc == 0 && v ? hex(ustring(v, n)).c_str() : "");
}
static void order2() {
    unsigned char t2[32];  // (0, -1), y = p - 1
    memset(t2, 0xff, 32);
    t2[0] = 0xec;
    t2[31] = 0x7f;
    unsigned char x[32], q[32];
    for (int d = 0; d < 19; d++)
        for (int sign = 0; sign < 2; sign++) {
            unsigned char e[32], one[32] = {1};
            memset(e, 0xff, 32);
            e[0] = 0xed + d;
            e[31] = 0x7f | (sign ? 0x80 : 0);
            int c = crypto_sign_ed25519_pk_to_curve25519(x, e);
            int m = crypto_scalarmult_ed25519_noclamp(q, one, e);
            if (c == 0 || m == 0)
                printf("y=p+%d sign %d: ed_to_x rc=%d %s smul rc=%d\n", d, sign, c,
                       c == 0 ? hex(ustring(x, 32)).c_str() : "", m);
        }
    auto sk = edsk(0x11);
    unsigned char a2[32];
    crypto_core_ed25519_add(a2, sk.data() + 32, t2);
    printf("A+T2 %s\n", hex(ustring(a2, 32)).c_str());
    print("ed_to_x(A+T2)", crypto_sign_ed25519_pk_to_curve25519(x, a2), x, 32);
    for (unsigned char n0 : {3, 4}) {
        unsigned char n[32] = {n0};
        std::string what = "smul(" + std::to_string(n0) + ", A+T2)";
        print(what.c_str(), crypto_scalarmult_ed25519_noclamp(q, n, a2), q, 32);
    }
    unsigned char clamped[32] = {8};
    clamped[31] = 0x40;
    print("smul(2^254+8, A+T2)", crypto_scalarmult_ed25519_noclamp(q, clamped, a2), q, 32);
    ustring spk(32, 0x44), a2v(a2, 32), sid = ustring(1, 0x05) + ustring(x, 32);
    auto show = [&](const char* what, auto f) {
        try {
            printf("%s %s\n", what, hex(f()).c_str());
        } catch (std::exception& e) {
            printf("%s ERR %s\n", what, e.what());
        }
    };
    show("blinded15_id_from_ed(A+T2)", [&] { return session::blinded15_id_from_ed(a2v, spk); });
    show("blinded25_id_from_ed(A+T2)", [&] { return session::blinded25_id_from_ed(a2v, spk); });
    show("blind15_id(05 ed_to_x(A+T2))", [&] { return session::blind15_id(sid, spk); });
    show("blind25_id(05 ed_to_x(A+T2))", [&] { return session::blind25_id(sid, spk); });
    // encrypt from seed 0x12 to 15/25 ids with an order-2 component (the nonce is the tail)
    auto s_sk = edsk(0x12);
    for (unsigned char prefix : {0x15, 0x25}) {
        ustring rid = ustring(1, prefix) + a2v;
        printf("recipient %s\n", hex(rid).c_str());
        show(" encrypt", [&] {
            return session::encrypt_for_blinded_recipient(
                    s_sk, spk, rid, ustring(reinterpret_cast<const unsigned char*>("t2"), 2));
        });
    }
    // as recipient (15): a sender id kA + T2, the ciphertext under the key the reference derives
    for (unsigned char r = 0x52; r < 0x56; r++) {
        auto r_sk = edsk(r);
        auto [B, b] = session::blind15_key_pair(r_sk, spk);
        auto [A, a] = session::blind15_key_pair(s_sk, spk);
        ustring rid = ustring(1, 0x15) + ustring(B.data(), 32), sid2(33, 0x15);
        crypto_core_ed25519_add(sid2.data() + 1, A.data(), t2);
        unsigned char key[32];
        if (!key_for(r_sk, sid2, rid, key))
            continue;
        auto ct = seal(key, ustring(reinterpret_cast<const unsigned char*>("t2"), 2) + s_sk.substr(32), r);
        printf("recipient seed %02x\n", r);
        run_dm(" order2_sender_id", r_sk, spk, sid2, rid, ct);
    }
}
