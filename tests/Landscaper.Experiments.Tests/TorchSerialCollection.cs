namespace Landscaper.Tests;

/// <summary>Serialises the torch-heavy tests of the data, model and training suites (2 shared cores).</summary>
[CollectionDefinition("torch-serial", DisableParallelization = true)]
public sealed class TorchSerialCollection;
