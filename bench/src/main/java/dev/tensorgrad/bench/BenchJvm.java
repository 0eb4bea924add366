package dev.tensorgrad.bench;

/**
 * The options every benchmark's forked JVM gets, named once so that all benchmarks run under the
 * same conditions ({@code @Fork(jvmArgsAppend = ...)} takes compile-time constants only).
 * {@code bench/run main} passes the same options to the plain main classes; change both together.
 */
final class BenchJvm {
    /** The SIMD kernels use the incubating Vector API. */
    static final String VECTOR_API = "--add-modules=jdk.incubator.vector";
    /**
     * 2 MiB pages for the heap: large arrays then need 512 times fewer TLB entries, and the heap
     * is touched 512 times faster. The kernel gives them on request (THP mode {@code madvise}).
     */
    static final String HUGE_PAGES = "-XX:+UseTransparentHugePages";
    /** A fixed heap, so that it never grows during a run ... */
    static final String HEAP_MIN = "-Xms2g";
    /** ... of 2 GiB, enough for the largest benchmark (three 64 MiB tensors and their results). */
    static final String HEAP_MAX = "-Xmx2g";
    /**
     * Every heap page touched before the first iteration: a page touched for the first time costs a
     * kernel page fault (slow on this machine), and a heap that grows mid-run turns iterations that
     * allocate into page-fault benchmarks, up to 20 times slower (docs/PERFORMANCE.md).
     */
    static final String PRE_TOUCH = "-XX:+AlwaysPreTouch";

    private BenchJvm() {
    }
}
