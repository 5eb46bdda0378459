#!/usr/bin/env python3
"""Writes small seed corpora for the fuzz targets from the crates' vector files.

Run from the repository root: python3 fuzz/corpus/seed_from_vectors.py
Each seed is laid out as its target reads its input (see the target's doc comment). At most
MAX_PER_TARGET seeds per target, so the committed corpora stay small. Targets whose input is an
`arbitrary` structure of seeds and edits (the *_edit and crypto_diff_clsag/mlsag targets)
keep the minimized corpora of their local runs instead.
"""
import hashlib, json, os, struct

MAX_PER_TARGET = 24
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def vec(crate, name):
    with open(os.path.join(ROOT, crate, "tests", "vectors", name + ".json")) as f:
        return json.load(f)


def h(s):
    return bytes.fromhex(s)


def write(target, seeds):
    d = os.path.join(ROOT, "fuzz", "corpus", target)
    os.makedirs(d, exist_ok=True)
    seen = set()
    for s in seeds:
        if len(seen) >= MAX_PER_TARGET:
            break
        k = hashlib.sha1(s).hexdigest()
        if k in seen:
            continue
        seen.add(k)
        with open(os.path.join(d, "vec-" + k), "wb") as f:
            f.write(s)


def spread(cases, n=MAX_PER_TARGET):
    """Up to n cases spread over the list (positives and negatives alike)."""
    if len(cases) <= n:
        return cases
    step = len(cases) / n
    return [cases[int(i * step)] for i in range(n)]


cc = vec("oxen-crypto", "check_key")["cases"]
write("crypto_point_decode", [h(c["key"]) for c in spread(cc)])
write("crypto_scalar_decode", [h(c["scalar"]) for c in spread(vec("oxen-crypto", "sc_check")["cases"])])
write("crypto_address_decode", [c["encoded"].encode() for c in spread(vec("oxen-crypto", "address")["cases"]) if c.get("encoded")])
write("crypto_signature_verify", [h(c["prefix_hash"]) + h(c["public"]) + h(c["signature"]) for c in spread(vec("oxen-crypto", "signature")["cases"])])


def ring_seed(c, sig):
    ring = c["ring"]
    out = bytes([len(ring)]) + h(c["message"]) + h(c["key_image"]) + h(c["pseudo_out"])
    for m in ring:
        out += h(m["dest"]) + h(m["mask"])
    return out + sig


clsag = vec("oxen-crypto", "clsag")["cases"]
write("crypto_clsag_verify", [ring_seed(c, b"".join(h(s) for s in c["s"]) + h(c["c1"]) + h(c["D"])) for c in spread(clsag) if len(c["ring"]) < 17])
mlsag = vec("oxen-crypto", "mlsag")["cases"]
write("crypto_mlsag_verify", [ring_seed(c, b"".join(h(s) for col in c["ss"] for s in col) + h(c["cc"])) for c in spread(mlsag) if len(c["ring"]) < 17])

# crypto_diff_points: a(32) r(32) b(32) index(u64 le) valid(bool): derivation inputs and bases
gkd = vec("oxen-crypto", "generate_key_derivation")["cases"]
dpk = vec("oxen-crypto", "derive_public_key")["cases"]
write("crypto_diff_points", [h(g["public"]) + h(g["secret"]) + h(d["base"]) + struct.pack("<Q", int(d["output_index"])) + b"\x00"
                             for g, d in zip(spread(gkd), spread(dpk))])


def varint(n):
    out = b""
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])


bpv = vec("oxen-tx", "bulletproof_valid")["cases"]
write("tx_bulletproof", [bytes([len(c["V"])]) + b"".join(h(v) for v in c["V"]) + h(c["proof"]) for c in spread(bpv)])
write("tx_deserialize", [h(c["blob_hex"]) for c in vec("oxen-tx", "real_transactions")["cases"]])
write("tx_extra", [h(c["bytes"]) for c in spread(vec("oxen-tx", "tx_extra")["cases"]) if "bytes" in c])

npc = vec("oxen-onion", "node_processing")["cases"]
write("onion_peel", [b"\x00" + h(c["request"]) for c in spread(npc) if "request" in c])
sp = vec("oxen-onion", "server_parser")["cases"]
write("onion_server_parse", [h(c["request"]) for c in spread(sp) if "request" in c])
orq = vec("oxen-onion", "onion_request")["cases"]
relays = []
for c in orq:
    for hop in c["hops"]:
        for k in ("received_omq_message",):
            if isinstance(hop.get(k), str):
                relays.append(h(hop[k]))
write("onion_bencode", relays)

ve = vec("oxen-ons", "value_encryption")["cases"]
types = {"session": 0, "wallet": 1, "lokinet": 2}
write("ons_decrypt", [bytes([types.get(c["type"], 0), len(c["name"].encode())]) + c["name"].encode() + h(c["encrypted_value"])
                      for c in spread(ve) if not c.get("heavy") and c["type"] in types])
write("ons_name_validate", [h(c["name_hex"]) for c in spread(vec("oxen-ons", "name_validation")["cases"])])

def mnemonic_seed(c):
    """Byte 0 is the general form's expected length / 4 (mnemonic_decode's layout), then the words."""
    return bytes([c.get("len", 32) // 4]) + c["words"].encode()


mn = [c for c in vec("oxen-mnemonic", "oxen_electrum")["cases"] if "words" in c]
mn += vec("oxen-mnemonic", "session_recovery")["cases"]
write("mnemonic_decode", [mnemonic_seed(c) for c in spread(mn, 40)])

# oxen-session (layouts in each target's doc comment)
sv = lambda name: vec("oxen-session", name)["cases"]


def incoming_seed(c):
    """Byte 0 even: a 32-byte Ed25519 seed follows; odd: an X25519 secret key."""
    if c["kind"] == "x25519":
        return b"\x01" + h(c["x25519_sk"]) + h(c["ciphertext"])
    return b"\x00" + h(c["ed25519_privkey"])[:32] + h(c["ciphertext"])


di = [c for c in sv("decrypt_incoming") if len(h(c.get("ed25519_privkey", "00" * 32))) in (32, 64)]
write("session_decrypt_incoming", [incoming_seed(c) for c in spread(di, 44)])

multi = []
for c in sv("multi_encrypt"):
    k = c["kind"]
    dom = c.get("domain", "").encode()
    if k == "decrypt_for_multiple_simple" and "encoded" in c:
        multi.append(b"\x01" + bytes([len(dom)]) + h(c["x25519_sk"]) + h(c["sender_x25519_pk"]) + dom + h(c["encoded"]))
    elif k == "decrypt_for_multiple_simple_ed25519" and "encoded" in c:
        multi.append(b"\x00" + bytes([len(dom)]) + h(c["ed25519_sk"])[:32] + h(c["sender_ed25519_pk"]) + dom + h(c["encoded"]))
    elif k == "decrypt_for_multiple" and "ciphertexts" in c:
        cts = [h(x) for x in c["ciphertexts"]]
        lens = bytes([min(len(x), 255) for x in cts[:4]] + [0] * (4 - len(cts[:4])))
        multi.append(b"\x81" + bytes([len(dom)]) + h(c["x25519_sk"]) + h(c["sender_x25519_pk"]) + dom + lens + h(c["nonce"]) + b"".join(cts))
write("session_multi_decrypt", multi)

dom_idx = {"UserProfile": 0, "Contacts": 1, "ConvoInfoVolatile": 2, "UserGroups": 3, "groups::Info": 4, "groups::Members": 5}
write("session_config_decrypt", [h(c["key"]) + bytes([dom_idx[c["domain"]]]) + h(c["ciphertext"])
                                 for c in spread([c for c in sv("config_encrypt") if "ciphertext" in c and c.get("domain") in dom_idx and len(h(c["key"])) == 32])])
write("session_push_decrypt", [(b"\x00" + h(c["enc_key"]) if len(h(c["enc_key"])) == 32 else bytes([0xf0 + min(len(h(c["enc_key"])), 15)]) + h(c["enc_key"])[:15]) + h(c["payload"])
                               for c in spread(sv("push_notification"))])
write("session_ons_decrypt", [bytes([len(c["name_lowercase"].encode())]) + c["name_lowercase"].encode() + (b"\x00" if len(h(c["nonce"])) == 24 else bytes([0xf0 + min(len(h(c["nonce"])), 15)])) + h(c["nonce"]) + h(c["ciphertext"])
                              for c in spread(sv("ons_response"))])
ids = []
for c in sv("blind_keys"):
    for k in ("session_id", "blinded_id", "blinded_id_0", "server_pk"):
        if isinstance(c.get(k), str):
            ids.append(c[k].encode())
            try:
                ids.append(h(c[k]))
            except ValueError:
                pass
write("session_id_parse", spread(ids, 40))
bid = [h(c["server_pk"]) + h(c["ed25519_pk"]) + h(c.get("blinded_id", "")) for c in sv("blind_keys")
       if c["kind"] in ("blinded15_id_from_ed", "blinded25_id_from_ed", "all") and len(h(c.get("ed25519_pk", ""))) == 32 and "server_pk" in c]
write("session_blinded_id", bid)
write("session_recovery_phrase", [c["words"].encode() for c in spread(sv("session_recovery"), 37)])
write("session_blinded_dm_decrypt", [b"\x00\x00" + bytes([0 if c["sender_id"].startswith("15") else 1]) + h(c["server_pk"]) + h(c["ciphertext"])
                                     for c in spread(sv("decrypt_from_blinded_recipient")) if "ciphertext" in c and "server_pk" in c])
print("seeded")
