//! Performance marks around the expensive steps (load, save, import, export), read by the benchmark
//! from `performance.getEntriesByName('voronka:save')` and visible in the browser's profiler.

/// Runs `f`, recording its duration as the performance measure `voronka:<name>`.
pub fn measure<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let Some(p) = web_sys::window().and_then(|w| w.performance()) else {
        return f();
    };
    let (start, end) = (
        format!("voronka:{name}:start"),
        format!("voronka:{name}:end"),
    );
    let _ = p.mark(&start);
    let out = f();
    let _ = p.mark(&end);
    let _ = p.measure_with_start_mark_and_end_mark(&format!("voronka:{name}"), &start, &end);
    p.clear_marks_with_mark_name(&start);
    p.clear_marks_with_mark_name(&end);
    out
}
