//! `blinded_id_match.json`: `session_id_matches_blinded_id` on hex text with the reference's
//! string rules (both 15 forms match, a negated 25 id does not, an upper-case id never matches
//! because the reference compares text), and the typed form on the same ids.

use oxen_session::blinding::{session_id_matches_blinded_id, session_id_matches_blinded_id_hex};
use oxen_session::{BlindedId, Error, Input, ServerPubkey, SessionId};
use oxen_vector_harness::CheckResult;
use serde_json::Value;

use crate::support::{each, eq, fails_with, flag, name, ok, opt_s, s};

pub fn blinded_id_match(v: &Value) -> CheckResult {
    each(v, |c| {
        let (sid, bid, server) = (s(c, "session_id"), s(c, "blinded_id"), s(c, "server_pk"));
        let got = session_id_matches_blinded_id_hex(sid, bid, server);
        if opt_s(c, "error").is_some() {
            let want = match name(c) {
                "err_session_prefix_9" | "err_session_prefix_15" => Error::InvalidPrefix {
                    input: Input::SessionId,
                },
                "err_session_not_hex" => Error::InvalidHex {
                    input: Input::SessionId,
                },
                // second character '5' passes upstream's first check; the first character is
                // then neither '1' nor '2'
                "err_blinded_prefix_9"
                | "err_blinded_prefix_35_passes_first_check"
                | "err_blinded_prefix_05" => Error::InvalidPrefix {
                    input: Input::BlindedId,
                },
                "err_server_short" | "err_server_not_hex" => Error::InvalidHex {
                    input: Input::ServerPubkey,
                },
                other => return Err(format!("no expected refusal for {other}")),
            };
            return fails_with(got, want);
        }
        let matches = flag(c, "matches");
        eq("matches (hex)", ok("hex", got)?, matches)?;
        // The typed form compares ids, not text: it parses either case, so an upper-case id
        // that the text form refuses to match is the same id to it.
        let sid = ok("sid", SessionId::from_hex(sid))?;
        let server = ok("server", ServerPubkey::from_hex(server))?;
        let parsed = ok("bid", BlindedId::from_hex(bid))?;
        let typed = ok(
            "typed",
            session_id_matches_blinded_id(&sid, &parsed, &server),
        )?;
        if name(c).starts_with("b25_uppercase_no_match_") {
            eq("typed, upper case", typed, true)
        } else {
            eq("matches (typed)", typed, matches)
        }
    })
}
