//! The paired rounds, the registry and the serving protocol, on fake timers and routines whose
//! costs are known (no clock involved, so every expected value is exact).
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::io::{BufReader, Cursor};
use std::rc::Rc;
use std::time::Duration;

use oxen_benches::paired::protocol::{Conn, PREFIX, Reply, Request, serve};
use oxen_benches::paired::rounds::{MAX_ITERS, calibrate, iterations_for};
use oxen_benches::paired::{
    PairError, PairSpec, Registry, Routine, Settings, Side, Timer, batched, bench, measure, plain,
};

/// A process whose benchmarks cost a fixed number of nanoseconds per iteration, times a load
/// factor that the test can change as the calls go by; it records the calls.
struct Fake {
    cost: BTreeMap<String, f64>,
    load: Rc<dyn Fn(usize) -> f64>,
    calls: Rc<RefCell<Vec<String>>>,
}

impl Fake {
    fn new(costs: &[(&str, f64)], calls: &Rc<RefCell<Vec<String>>>) -> Self {
        Fake {
            cost: costs.iter().map(|(b, c)| ((*b).to_owned(), *c)).collect(),
            load: Rc::new(|_| 1.0),
            calls: Rc::clone(calls),
        }
    }
}

impl Timer for Fake {
    fn time(&mut self, bench: &str, iters: u64) -> Result<f64, PairError> {
        let c = *self
            .cost
            .get(bench)
            .ok_or_else(|| PairError::UnknownBenchmark(bench.to_owned()))?;
        let n = self.calls.borrow().len();
        self.calls.borrow_mut().push(bench.to_owned());
        Ok(c * iters as f64 * (self.load)(n))
    }
}

fn side(timer: usize, bench: &str) -> Side {
    Side {
        timer,
        bench: bench.to_owned(),
    }
}

#[test]
fn iteration_counts_fill_the_side_target() {
    let t = Duration::from_millis(20);
    assert_eq!(iterations_for(200.0, t), 100_000);
    assert_eq!(iterations_for(150e6, t), 1);
    assert_eq!(iterations_for(0.0, t), 1);
    assert_eq!(iterations_for(f64::NAN, t), 1);
    assert_eq!(iterations_for(1e-6, t), MAX_ITERS);
    let calls = Rc::new(RefCell::new(Vec::new()));
    let mut f = Fake::new(&[("x/oxen", 250.0)], &calls);
    assert_eq!(calibrate(&mut f, "x/oxen", t).unwrap(), 250.0);
    assert!(matches!(
        calibrate(&mut f, "y/oxen", t),
        Err(PairError::UnknownBenchmark(_))
    ));
}

#[test]
fn calibration_keeps_the_fastest_of_its_repeats() {
    // A burst of load (10×) during the first four calls: the growth loop ends on a loaded
    // timing of 4000 iterations, the two repeats run unloaded, and the fastest wins.
    let calls = Rc::new(RefCell::new(Vec::new()));
    let mut f = Fake::new(&[("x/oxen", 250.0)], &calls);
    f.load = Rc::new(|n| if n <= 3 { 10.0 } else { 1.0 });
    assert_eq!(
        calibrate(&mut f, "x/oxen", Duration::from_millis(20)).unwrap(),
        250.0
    );
    assert_eq!(calls.borrow().len(), 6);
}

#[test]
fn the_same_routine_gets_the_same_count_on_both_sides() {
    // A/A: the second calibration runs under load; both sides still get the unloaded count.
    let calls = Rc::new(RefCell::new(Vec::new()));
    let mut f = Fake::new(&[("x/oxen", 200.0)], &calls);
    f.load = Rc::new(|n| if (5..40).contains(&n) { 6.0 } else { 1.0 });
    let r = measure(
        &mut [&mut f],
        &side(0, "x/oxen"),
        &side(0, "x/oxen"),
        &Settings::QUICK,
    )
    .unwrap();
    assert_eq!((r.iters_a, r.iters_b), (100_000, 100_000));
}

#[test]
fn rounds_between_bounds_and_estimate() {
    let s = Settings::QUICK;
    // 40 ms rounds: the 5 s budget would allow 125, capped at 61.
    assert_eq!(s.rounds_for(40e6), 61);
    // The block (about 350 ms a round): 14 fit, at least 21.
    assert_eq!(s.rounds_for(350e6), 21);
    assert_eq!(s.rounds_for(100e6), 50);
    assert_eq!(s.rounds_for(0.0), 21);
    assert_eq!(
        s.estimated_pair_time(),
        Duration::from_millis(5000 + 40 * 5)
    );
}

#[test]
fn a_pair_in_one_process_gives_the_cost_ratio() {
    let calls = Rc::new(RefCell::new(Vec::new()));
    let mut f = Fake::new(&[("op/oxen", 200.0), ("op/peer", 100.0)], &calls);
    let s = Settings::QUICK;
    let r = measure(&mut [&mut f], &side(0, "op/oxen"), &side(0, "op/peer"), &s).unwrap();
    assert_eq!((r.iters_a, r.iters_b), (100_000, 200_000));
    assert_eq!(r.a_ns.len(), 61);
    let sum = r.summary().unwrap();
    assert_eq!(
        (sum.ratio.low, sum.ratio.estimate, sum.ratio.high),
        (2.0, 2.0, 2.0)
    );
    assert_eq!((sum.a_ns, sum.b_ns, sum.rounds), (200.0, 100.0, 61));
}

#[test]
fn the_order_is_drawn_per_round_and_reproducible() {
    let order = || {
        let calls = Rc::new(RefCell::new(Vec::new()));
        let mut f = Fake::new(&[("op/a", 10.0), ("op/b", 10.0)], &calls);
        measure(
            &mut [&mut f],
            &side(0, "op/a"),
            &side(0, "op/b"),
            &Settings::QUICK,
        )
        .unwrap();
        let c = calls.borrow();
        // After the calibration calls, two calls per round (3 warm-up and 61 measured).
        let rounds: Vec<bool> = c[c.len() - 2 * 64..]
            .chunks(2)
            .map(|p| {
                assert_ne!(p[0], p[1]);
                p[0] == "op/a"
            })
            .collect();
        rounds
    };
    let first = order();
    assert_eq!(first.len(), 3 + 61);
    let a_first = first.iter().filter(|x| **x).count();
    assert!(
        a_first > 15 && a_first < 49,
        "{a_first} of 64 rounds start with a"
    );
    assert_eq!(first, order());
}

#[test]
fn a_drifting_load_cancels_in_the_paired_ratio() {
    // The machine slows down steadily, tripling over the run: two medians taken one after the
    // other would be far apart; the per-round ratios stay near the true 0.5.
    let calls = Rc::new(RefCell::new(Vec::new()));
    let mut f = Fake::new(&[("op/oxen", 50.0), ("op/peer", 100.0)], &calls);
    f.load = Rc::new(|n| 1.0 + n as f64 / 64.0);
    let r = measure(
        &mut [&mut f],
        &side(0, "op/oxen"),
        &side(0, "op/peer"),
        &Settings::QUICK,
    )
    .unwrap();
    let s = r.summary().unwrap();
    assert!((s.ratio.estimate - 0.5).abs() < 0.01, "{s:?}");
    assert!(s.ratio.within(0.49, 0.51), "{s:?}");
    // While each side's own times span the whole drift.
    let spread = |v: &[f64]| {
        v.iter().copied().fold(f64::MIN, f64::max) / v.iter().copied().fold(f64::MAX, f64::min)
    };
    assert!(spread(&r.a_ns) > 1.8, "{}", spread(&r.a_ns));
}

#[test]
fn a_pair_across_two_processes() {
    // The same routine in two builds, as the backend split measures it.
    let calls = Rc::new(RefCell::new(Vec::new()));
    let mut ifma = Fake::new(&[("op/oxen", 64.0)], &calls);
    let mut avx2 = Fake::new(&[("op/oxen", 100.0)], &calls);
    let r = measure(
        &mut [&mut ifma, &mut avx2],
        &side(0, "op/oxen"),
        &side(1, "op/oxen"),
        &Settings::QUICK,
    )
    .unwrap();
    assert_eq!(r.summary().unwrap().ratio.estimate, 0.64);
    // A side naming a process that is not there.
    let err = measure(
        &mut [&mut ifma],
        &side(0, "op/oxen"),
        &side(1, "op/oxen"),
        &Settings::QUICK,
    );
    assert!(matches!(err, Err(PairError::UnknownBenchmark(_))));
}

#[test]
fn zero_or_broken_timings_are_errors() {
    let calls = Rc::new(RefCell::new(Vec::new()));
    let mut f = Fake::new(&[("op/a", 0.0), ("op/b", 1.0)], &calls);
    let err = measure(
        &mut [&mut f],
        &side(0, "op/a"),
        &side(0, "op/b"),
        &Settings::QUICK,
    );
    assert_eq!(err.unwrap_err(), PairError::BadTiming("op/a".into()));
}

/// A routine that reports `ns` per iteration without running anything.
fn fixed(ns: u64) -> Routine {
    Box::new(move |iters| Duration::from_nanos(ns * iters))
}

fn registry(setups: &Rc<Cell<u32>>) -> Registry {
    let mut r = Registry::new();
    let n = Rc::clone(setups);
    r.group(&["op", "op2"], move || {
        n.set(n.get() + 1);
        vec![
            bench("op", "oxen", fixed(300)),
            bench("op", "peer", fixed(100)),
            bench("op2", "oxen", fixed(5)),
        ]
    })
    .group(&["other"], || vec![bench("other", "oxen", fixed(1))]);
    r.pair(PairSpec::control("op", "oxen"))
        .pair(PairSpec::new("op", "oxen", "peer").headline().split());
    r
}

#[test]
fn groups_are_set_up_once_on_first_use() {
    let setups = Rc::new(Cell::new(0));
    let mut r = registry(&setups);
    r.validate().unwrap();
    assert_eq!(setups.get(), 0);
    assert_eq!(r.time("op/oxen", 3).unwrap(), 900.0);
    assert_eq!(r.time("op2/oxen", 2).unwrap(), 10.0);
    assert_eq!(setups.get(), 1);
    assert_eq!(
        r.time("op/missing", 1),
        Err(PairError::Missing("op/missing".into()))
    );
    assert_eq!(
        r.time("nope/oxen", 1),
        Err(PairError::UnknownBenchmark("nope/oxen".into()))
    );
    // Zero iterations still run one.
    assert_eq!(r.time("op/peer", 0).unwrap(), 100.0);
    assert_eq!(r.smoke().unwrap(), 2);
}

#[test]
fn invalid_registries_are_rejected() {
    let mut r = Registry::new();
    r.group(&["a"], Vec::new).group(&["a"], Vec::new);
    assert_eq!(r.validate(), Err(PairError::Duplicate("a".into())));
    let mut r = Registry::new();
    r.group(&["a"], Vec::new);
    r.pair(PairSpec::new("b", "oxen", "peer"));
    assert_eq!(
        r.validate(),
        Err(PairError::UnknownBenchmark("b/oxen".into()))
    );
    let mut r = Registry::new();
    r.group(&["a/b"], Vec::new);
    assert_eq!(r.validate(), Err(PairError::InvalidName("a/b".into())));
    let mut r = Registry::new();
    r.group(&["a"], Vec::new);
    r.pair(PairSpec::new("a", "ox en", "peer"));
    assert_eq!(r.validate(), Err(PairError::InvalidName("ox en".into())));
    // A setup returning a routine of an operation its group did not declare.
    let mut r = Registry::new();
    r.group(&["a"], || vec![bench("b", "oxen", fixed(1))]);
    assert_eq!(
        r.prepare("a/oxen"),
        Err(PairError::UnknownBenchmark("b/oxen".into()))
    );
}

#[test]
fn batched_routines_prepare_before_and_drop_after_the_clock() {
    struct Out(Rc<RefCell<Vec<&'static str>>>);
    impl Drop for Out {
        fn drop(&mut self) {
            self.0.borrow_mut().push("drop");
        }
    }
    let log = Rc::new(RefCell::new(Vec::new()));
    let (l1, l2) = (Rc::clone(&log), Rc::clone(&log));
    let mut r = batched(
        move || l1.borrow_mut().push("setup"),
        move |()| {
            l2.borrow_mut().push("run");
            Out(Rc::clone(&l2))
        },
    );
    r(3);
    assert_eq!(
        *log.borrow(),
        [
            "setup", "setup", "setup", "run", "run", "run", "drop", "drop", "drop"
        ]
    );
    let count = Rc::new(Cell::new(0u32));
    let c = Rc::clone(&count);
    let mut p = plain(move || c.set(c.get() + 1));
    p(5);
    assert_eq!(count.get(), 5);
}

#[test]
fn protocol_lines_round_trip_and_reject_garbage() {
    for r in [
        Request::List,
        Request::Backend,
        Request::Quit,
        Request::Time("op/batch_1_thread/oxen".into(), 42),
    ] {
        assert_eq!(Request::parse(&r.to_line()), Some(r));
    }
    for bad in ["", "time x", "time x y", "time x 1 2", "lists", "quit now"] {
        assert_eq!(Request::parse(bad), None, "{bad:?}");
    }
    let spec = PairSpec::new("op", "oxen", "floor").headline().split();
    for r in [
        Reply::Pair(spec),
        Reply::Pair(PairSpec::control("op", "oxen")),
        Reply::Pair(PairSpec::new("op", "a", "b")),
        Reply::End,
        Reply::Backend("AVX-512 IFMA (build cfg …)".into()),
        Reply::Ok(1234.5),
        Reply::Error("no paired benchmark".into()),
    ] {
        assert_eq!(Reply::parse(&r.to_line()), Some(r));
    }
    assert_eq!(
        Reply::Pair(PairSpec::new("op", "oxen", "floor").headline().split()).to_line(),
        format!("{PREFIX} pair op oxen floor headline,split")
    );
    for bad in [
        "ok 5",
        "oxen-pairs ok five",
        "oxen-pairs pair op a b",
        "oxen-pairs pair op a b fast",
        "oxen-pairs end now",
        "oxen-pairsok 1",
    ] {
        assert_eq!(Reply::parse(bad), None, "{bad:?}");
    }
}

#[test]
fn serve_answers_every_request() {
    let setups = Rc::new(Cell::new(0));
    let mut r = registry(&setups);
    let input = "backend\nlist\ntime op/oxen 10\ntime nope/x 1\nbogus\nquit\ntime op/oxen 1\n";
    let mut out = Vec::new();
    serve(&mut r, "AVX2 (test)", Cursor::new(input), &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            "oxen-pairs backend AVX2 (test)",
            "oxen-pairs pair op oxen oxen control",
            "oxen-pairs pair op oxen peer headline,split",
            "oxen-pairs end",
            "oxen-pairs ok 3000",
            "oxen-pairs error no paired benchmark \"nope/x\"",
            "oxen-pairs error unknown request \"bogus\"",
        ]
    );
}

#[test]
fn a_connection_skips_stray_output_and_measures_through_a_pipe() {
    let mut c = Conn::new(
        Cursor::new("setup says hello\noxen-pairs ok 5\n"),
        Vec::new(),
    );
    assert_eq!(c.time("op/oxen", 1).unwrap(), 5.0);
    assert_eq!(c.stray, ["setup says hello"]);
    assert!(matches!(c.time("op/oxen", 1), Err(PairError::Io(_))));
    let mut c = Conn::new(Cursor::new("oxen-pairs backend x\n"), Vec::new());
    assert!(matches!(c.time("op/oxen", 1), Err(PairError::Protocol(_))));

    // A serving registry on a thread, measured through the protocol as the report does.
    let (req_r, req_w) = std::io::pipe().unwrap();
    let (rep_r, rep_w) = std::io::pipe().unwrap();
    let server = std::thread::spawn(move || {
        let mut r = registry(&Rc::new(Cell::new(0)));
        serve(&mut r, "test", BufReader::new(req_r), rep_w).unwrap();
    });
    let mut conn = Conn::new(BufReader::new(rep_r), req_w);
    assert_eq!(conn.backend().unwrap(), "test");
    assert_eq!(conn.list().unwrap().len(), 2);
    let rounds = measure(
        &mut [&mut conn],
        &side(0, "op/oxen"),
        &side(0, "op/peer"),
        &Settings::QUICK,
    )
    .unwrap();
    assert_eq!(rounds.summary().unwrap().ratio.estimate, 3.0);
    assert_eq!(
        conn.time("op/none", 1),
        Err(PairError::Remote(
            "no routine for benchmark \"op/none\"".into()
        ))
    );
    conn.quit().unwrap();
    drop(conn);
    server.join().unwrap();
}

#[test]
fn heap_jitter_covers_its_range_and_differs_by_seed() {
    use oxen_benches::paired::registry::{JITTER_MIN, JITTER_STEP, JITTER_STEPS};
    let draw = |seed: u64| {
        let mut r = Registry::new();
        r.seed_jitter(seed);
        (0..4096).map(|_| r.next_jitter()).collect::<Vec<usize>>()
    };
    let a = draw(1);
    let max = JITTER_MIN + JITTER_STEP * (usize::try_from(JITTER_STEPS).unwrap() - 1);
    assert!(
        a.iter()
            .all(|&s| (JITTER_MIN..=max).contains(&s)
                && (s - JITTER_MIN).is_multiple_of(JITTER_STEP))
    );
    let distinct: std::collections::BTreeSet<usize> = a.iter().copied().collect();
    // 4096 draws over 256 sizes: every size shows up.
    assert_eq!(distinct.len(), usize::try_from(JITTER_STEPS).unwrap());
    assert_ne!(a, draw(2));
    // An unseeded registry (state 0) still moves.
    let mut z = Registry::new();
    assert_ne!(z.next_jitter(), z.next_jitter());
}
