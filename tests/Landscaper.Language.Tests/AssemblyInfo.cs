// Torch tests share libtorch's global thread pool and two cores; run them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
