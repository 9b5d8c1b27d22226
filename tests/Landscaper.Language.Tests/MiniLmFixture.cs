using Landscaper.Language.Bert;
using Landscaper.Language.Data;
using Landscaper.Language.Onnx;
using Landscaper.Language.Resources;
using Landscaper.Language.Text;
using Landscaper.Native;
using TorchSharp;

namespace Landscaper.Language.Tests;

/// <summary>Reads the MiniLM bytes, parses them and loads the tokenizer and data once for all model tests.</summary>
public sealed class MiniLmFixture : IDisposable
{
    private BertEncoder? _float32;

    public MiniLmFixture()
    {
        TorchNative.EnsureLoaded();
        torch.set_num_threads(2);
        OnnxBytes = MiniLmResources.ReadOnnx();
        Model = OnnxModel.Parse(OnnxBytes);
        Tokenizer = BertTextTokenizer.MiniLm();
        Data = SpamAssassinData.Load();
    }

    public byte[] OnnxBytes { get; }
    public OnnxModel Model { get; }
    public BertTextTokenizer Tokenizer { get; }
    public SpamAssassinData Data { get; }

    /// <summary>The float32 encoder (loaded on first use, shared; do not modify).</summary>
    public BertEncoder Float32 => _float32 ??= BertOnnxLoader.Load(Model, BertConfig.MiniLmL6);

    public void Dispose() => _float32?.Dispose();
}

[CollectionDefinition(Name)]
public sealed class MiniLmCollection : ICollectionFixture<MiniLmFixture>
{
    public const string Name = "MiniLM";
}
