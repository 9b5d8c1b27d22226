using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;

namespace Landscaper.Language.Resources;

/// <summary>
/// Reads embedded manifest resources straight from a .NET assembly file on disk with <see cref="PEReader"/>, without
/// loading the assembly (so none of its code or dependencies run or need to be present).
/// </summary>
public static class ManifestResourceFile
{
    /// <summary>Names of the resources embedded in the assembly at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a .NET assembly.</exception>
    public static IReadOnlyList<string> Names(string path)
    {
        using var pe = Open(path);
        var md = Metadata(pe, path);
        return md.ManifestResources.Select(h => md.GetString(md.GetManifestResource(h).Name)).ToArray();
    }

    /// <summary>The bytes of the embedded resource <paramref name="name"/> in the assembly at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">Not a .NET assembly, no such embedded resource (the message lists the
    /// names present), or the resource runs past the resource directory.</exception>
    public static byte[] Read(string path, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        using var pe = Open(path);
        var md = Metadata(pe, path);
        foreach (var handle in md.ManifestResources)
        {
            var resource = md.GetManifestResource(handle);
            if (md.GetString(resource.Name) != name) continue;
            if (!resource.Implementation.IsNil)
                throw new InvalidDataException($"Resource '{name}' of {path} is stored in another file, not embedded.");
            var directory = pe.PEHeaders.CorHeader!.ResourcesDirectory;
            if (resource.Offset < 0 || resource.Offset > directory.Size - 4L)
                throw new InvalidDataException($"Resource '{name}' of {path} has offset {resource.Offset} outside the resource directory ({directory.Size} bytes).");
            var block = pe.GetSectionData(directory.RelativeVirtualAddress);
            if (block.Length < directory.Size)
                throw new InvalidDataException($"The resource directory of {path} is truncated.");
            var reader = block.GetReader((int)resource.Offset, directory.Size - (int)resource.Offset);
            int length = reader.ReadInt32();
            if (length < 0 || length > reader.RemainingBytes)
                throw new InvalidDataException($"Resource '{name}' of {path} claims {length} bytes but only {reader.RemainingBytes} remain.");
            var content = block.GetContent((int)resource.Offset + 4, length);
            return ImmutableCollectionsMarshal.AsArray(content)!;
        }
        throw new InvalidDataException(
            $"{path} has no embedded resource '{name}'; it has: {string.Join(", ", md.ManifestResources.Select(h => md.GetString(md.GetManifestResource(h).Name)))}.");
    }

    private static PEReader Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Assembly file {path} does not exist.", path);
        return new PEReader(File.OpenRead(path), PEStreamOptions.Default);
    }

    private static MetadataReader Metadata(PEReader pe, string path)
    {
        try
        {
            if (!pe.HasMetadata || pe.PEHeaders.CorHeader is null) throw new InvalidDataException($"{path} is not a .NET assembly (no CLI metadata).");
            return pe.GetMetadataReader();
        }
        catch (BadImageFormatException ex)
        {
            throw new InvalidDataException($"{path} is not a valid .NET assembly: {ex.Message}", ex);
        }
    }
}
