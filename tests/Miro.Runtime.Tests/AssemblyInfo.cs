using Xunit;

// TorchSharp's global generator (seeded when a model is built) and the intra-op thread count are
// process-wide; tests that train run one at a time so they stay deterministic.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
