// libtorch keeps process-wide state (thread pool size, global generator, oneDNN primitives cache) and some of its
// errors abort the process; test classes that use it, the in-process notebook runner and Chromium exports must not
// interleave. Tests therefore run one class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
