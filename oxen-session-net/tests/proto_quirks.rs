//! protobufjs 7.4's reader and generated decoders, quirk by quirk (each follows a line of
//! `src/reader.js`, `src/decoder.js` or `@protobufjs/utf8` 1.1.0, named in the test), beyond
//! what `protobuf.json` pins.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use oxen_session_net::Error;
use oxen_session_net::proto::reader::Reader;
use oxen_session_net::proto::utf8;
use oxen_session_net::proto::*;

fn h(s: &str) -> Vec<u8> {
    hex::decode(s).unwrap()
}

// ---- Reader.uint32 ----

#[test]
fn uint32_keeps_four_bits_of_the_fifth_byte_and_skips_five_unread() {
    // 5th byte 0x8f: continuation; the next five bytes are skipped whatever they are
    let mut r = Reader::new(&[
        0xff, 0xff, 0xff, 0xff, 0x8f, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0x07,
    ]);
    assert_eq!(r.uint32(), Ok(0xffff_ffff));
    assert_eq!(r.pos(), 10);
    // a fifth byte without continuation: high bits dropped, no skip
    let mut r = Reader::new(&[0x80, 0x80, 0x80, 0x80, 0x7f, 0x01]);
    assert_eq!(r.uint32(), Ok(0xf000_0000));
    assert_eq!(r.pos(), 5);
}

#[test]
fn uint32_past_the_end_reports_len_plus_ten() {
    let mut r = Reader::new(&[0xff, 0xff, 0xff]);
    assert_eq!(
        r.uint32(),
        Err(Error::ProtobufTruncated {
            pos: 3,
            need: 10,
            len: 3
        })
    );
    // the skipped five bytes must exist
    let mut r = Reader::new(&[0xff, 0xff, 0xff, 0xff, 0x8f, 0, 0, 0, 0]);
    assert_eq!(
        r.uint32(),
        Err(Error::ProtobufTruncated {
            pos: 9,
            need: 10,
            len: 9
        })
    );
}

// ---- readLongVarint ----

#[test]
fn uint64_full_range_and_the_tenth_byte() {
    let max = h("ffffffffffffffffff01");
    assert_eq!(Reader::new(&max).uint64(), Ok(u64::MAX));
    // the tenth byte contributes one bit; its other bits are dropped, not refused
    let dropped = h("ffffffffffffffffff7f");
    assert_eq!(Reader::new(&dropped).uint64(), Ok(u64::MAX));
    let too_long = h("ffffffffffffffffff8001");
    assert_eq!(
        Reader::new(&too_long).uint64(),
        Err(Error::ProtobufVarintTooLong)
    );
}

#[test]
fn uint64_short_route_takes_the_fourth_byte_unchecked() {
    // four bytes left, all with continuation: the fourth is taken as the last
    let mut r = Reader::new(&[0xff, 0xff, 0xff, 0xff]);
    assert_eq!(r.uint64(), Ok(0x0fff_ffff));
    assert_eq!(r.pos(), 4);
    // three bytes left: the fourth is read past the end as 0, and the position passes it
    let mut r = Reader::new(&[0xff, 0xff, 0xff]);
    assert_eq!(r.uint64(), Ok(0x1f_ffff));
    assert_eq!(r.pos(), 4);
    // two bytes left: the third read is checked
    assert_eq!(
        Reader::new(&[0xff, 0xff]).uint64(),
        Err(Error::ProtobufTruncated {
            pos: 2,
            need: 1,
            len: 2
        })
    );
}

#[test]
fn a_short_varint_at_the_end_is_accepted_by_the_message() {
    // sigTimestamp (15) with three continuation bytes and nothing after: protobufjs accepts
    let c: Content = decode(&h("78ffffff")).unwrap();
    assert_eq!(c.sig_timestamp, Some(0x1f_ffff));
}

// ---- Reader.bytes / skip / skipType ----

#[test]
fn lengths_are_checked_against_the_input_not_the_message() {
    // DataMessage of length 2 whose body (length 5) runs into the bytes after it: the
    // message ends where the body ends, and so does the Content
    let c: Content = decode(&h("0a020a0568656c6c6f")).unwrap();
    assert_eq!(c.data_message.unwrap().body.as_deref(), Some("hello"));
    // past the input: an error with protobufjs's numbers
    assert_eq!(
        decode::<Content>(&h("0a020a05")),
        Err(Error::ProtobufLengthPastEnd {
            pos: 4,
            need: 5,
            len: 4
        })
    );
}

#[test]
fn unknown_fields_of_every_wire_type_are_skipped() {
    // varint (long), fixed64, length-delimited, group with a nested group, fixed32, then body
    let bytes = h(
        "f807ffffffffffffffffffffff01f9070102030405060708fa0702aabbfb07080cfb07fc07fc07fd07010203040a016b",
    );
    let d: DataMessage = decode(&bytes).unwrap();
    assert_eq!(d.body.as_deref(), Some("k"));
    assert_eq!(encode(&d), h("0a016b"));
}

#[test]
fn groups_are_skipped_by_wire_type_only() {
    // start group 999, end group 5: the numbers are not matched
    let d: DataMessage = decode(&h("bb3e2c0a0178")).unwrap();
    assert_eq!(d.body.as_deref(), Some("x"));
    // an end group outside a group, and wire types 6 and 7
    for (bytes, wire_type) in [("1c", 4), ("1e", 6), ("1f", 7), ("bb3e0e", 6)] {
        assert_eq!(
            decode::<TypingMessage>(&h(bytes)),
            Err(Error::ProtobufInvalidWireType { wire_type }),
            "{bytes}"
        );
    }
    // a group never closed runs to the end
    assert_eq!(
        decode::<DataMessage>(&h("bb3e")),
        Err(Error::ProtobufTruncated {
            pos: 2,
            need: 10,
            len: 2
        })
    );
}

#[test]
fn truncated_fixed_width_values() {
    assert_eq!(
        decode::<DataMessage>(&h("f9070102")),
        Err(Error::ProtobufTruncated {
            pos: 2,
            need: 8,
            len: 4
        })
    );
    assert_eq!(
        decode::<DataMessage>(&h("fd0701")),
        Err(Error::ProtobufTruncated {
            pos: 2,
            need: 4,
            len: 3
        })
    );
    // AttachmentPointer.deprecatedId is a fixed64, read whatever the wire type
    assert_eq!(
        decode::<AttachmentPointer>(&h("0801")),
        Err(Error::ProtobufTruncated {
            pos: 1,
            need: 8,
            len: 2
        })
    );
    // an unknown varint running off the end
    assert_eq!(
        decode::<DataMessage>(&h("f807ff")),
        Err(Error::ProtobufTruncated {
            pos: 3,
            need: 1,
            len: 3
        })
    );
}

#[test]
fn tag_zero_is_an_unknown_field() {
    // 00 05 is field 0, varint 5: skipped
    let t: TypingMessage = decode(&h("000508011001")).unwrap();
    assert_eq!((t.timestamp, t.action), (1, 1));
}

// ---- decoder.js ----

#[test]
fn known_fields_are_read_with_their_declared_type() {
    // body (string) sent as a varint 0: read as a string of length 0
    let d: DataMessage = decode(&h("0800")).unwrap();
    assert_eq!(d.body.as_deref(), Some(""));
    // sigTimestamp sent as length-delimited: read as a varint (the "length") and the rest
    // as the next tag
    let c: Content = decode(&h("7a05")).unwrap();
    assert_eq!(c.sig_timestamp, Some(5));
}

#[test]
fn a_repeated_message_field_replaces_a_singular_one_and_numbers_may_come_packed() {
    // dataMessage twice: the second replaces the first (not merged)
    let c: Content = decode(&h("0a030a01610a0320c801")).unwrap();
    let d = c.data_message.unwrap();
    assert_eq!((d.body, d.flags), (None, Some(200)));
    // receipt timestamps: unpacked, packed, then unpacked again; re-encoded unpacked
    let r: ReceiptMessage = decode(&h("0801100112020203100a")).unwrap();
    assert_eq!(r.timestamp, vec![1, 2, 3, 10]);
    assert_eq!(encode(&r), h("0801100110021003100a"));
}

#[test]
fn required_fields_are_checked_in_declaration_order_anywhere_in_the_tree() {
    assert_eq!(
        decode::<Envelope>(&h("")),
        Err(Error::ProtobufMissingRequired {
            message: "Envelope",
            field: "type"
        })
    );
    // Content → DataMessage → Preview → AttachmentPointer without its deprecatedId
    assert_eq!(
        decode::<Content>(&h("0a0752050a01751a00")),
        Err(Error::ProtobufMissingRequired {
            message: "AttachmentPointer",
            field: "deprecatedId"
        })
    );
    // Reaction: id, author, action (emoji optional)
    assert_eq!(
        decode::<Reaction>(&h("0801120161")),
        Err(Error::ProtobufMissingRequired {
            message: "Reaction",
            field: "action"
        })
    );
    // a required field sent twice counts once
    let t: TypingMessage = decode(&h("0801080210011000")).unwrap();
    assert_eq!((t.timestamp, t.action), (2, 0));
}

#[test]
fn missing_required_fields_encode_as_their_defaults() {
    // Envelope.type defaults to its first value, SESSION_MESSAGE (6), not 0
    assert_eq!(encode(&Envelope::default()), h("08062800"));
    assert_eq!(encode(&CallMessage::default()), h("08062a00"));
    assert_eq!(encode(&ReceiptMessage::default()), h("0801"));
    assert_eq!(encode(&Quote::default()), h("08001200"));
}

#[test]
fn negative_enum_values_take_ten_bytes() {
    let t = TypingMessage {
        timestamp: 0,
        action: -1,
    };
    let bytes = encode(&t);
    assert_eq!(bytes, h("080010ffffffffffffffffff01"));
    // read back as protobufjs's int32: the low 32 bits
    assert_eq!(decode::<TypingMessage>(&bytes).unwrap().action, -1);
}

// ---- @protobufjs/utf8 1.1.0 ----

#[test]
fn lenient_utf8_rows() {
    // 2-byte lead with any continuation
    assert_eq!(utf8::read(&h("c328")), "\u{e8}");
    // a lead byte at the end reads past it as 0
    assert_eq!(utf8::read(&h("c3")), "\u{c0}");
    // a stray continuation byte starts a 3-byte sequence
    assert_eq!(utf8::read(&h("80e282ac")), "\u{882}\u{c000}");
    // 3-byte sequences encoding surrogates: a valid pair joins, a lone one is U+FFFD
    assert_eq!(utf8::read(&h("eda0bdedb880")), "\u{1f600}");
    assert_eq!(utf8::read(&h("eda0bd41")), "\u{fffd}A");
    // 4-byte sequences below 0x10000: a BMP unit and a lone low surrogate
    assert_eq!(utf8::read(&h("f0808080")), "\u{d7c0}\u{fffd}");
    // above 0x10ffff: two lone low surrogates
    assert_eq!(utf8::read(&h("f7bfbfbf")), "\u{fffd}\u{fffd}");
    assert_eq!(utf8::read(&h("f09f9880")), "\u{1f600}");
}

#[test]
fn lenient_utf8_chunk_flush_emits_a_stale_unit() {
    // 8191 units, then a surrogate pair: the chunk is flushed at 8193 units; then 8192 more
    // units flush the whole 8193-unit array again, its last unit left from the pair
    let mut bytes = vec![b'a'; 8191];
    bytes.extend_from_slice(&h("f09f9880"));
    bytes.extend(vec![b'b'; 8192]);
    let mut want = "a".repeat(8191);
    want.push('\u{1f600}');
    want.push_str(&"b".repeat(8192));
    want.push('\u{fffd}'); // the stale low surrogate, unpaired
    assert_eq!(utf8::read(&bytes), want);
    // BMP text of any length decodes to itself
    let long = "é".repeat(10_000);
    assert_eq!(utf8::read(long.as_bytes()), long);
}
