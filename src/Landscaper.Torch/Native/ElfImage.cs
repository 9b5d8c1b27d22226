using System.Buffers.Binary;
using System.Text;

namespace Landscaper.Native;

/// <summary>
/// A minimal, bounds-checked reader of the parts of a 64-bit little-endian ELF shared object that matter for
/// symbol versioning: section headers, the dynamic symbol table, version requirements (<c>.gnu.version_r</c>),
/// version definitions (<c>.gnu.version_d</c>), the version index per symbol (<c>.gnu.version</c>) and RELA
/// relocations. Offsets in the returned records are file offsets into <see cref="Bytes"/>.
/// </summary>
/// <remarks>Only ELFCLASS64 / ELFDATA2LSB (x86-64, AArch64 Linux) is supported; anything else throws
/// <see cref="InvalidDataException"/>. The image is not modified.</remarks>
public sealed class ElfImage
{
    internal const uint ShtRela = 4, ShtDynsym = 11, ShtGnuVerdef = 0x6ffffffd, ShtGnuVerneed = 0x6ffffffe, ShtGnuVersym = 0x6fffffff;

    /// <summary>Parses <paramref name="bytes"/> (not copied; do not mutate while the image is in use).</summary>
    /// <exception cref="InvalidDataException">Not a 64-bit little-endian ELF file, or a header points outside the file.</exception>
    public ElfImage(byte[] bytes)
    {
        Bytes = bytes ?? throw new ArgumentNullException(nameof(bytes));
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
            throw new InvalidDataException("Not an ELF file (bad magic).");
        if (bytes[4] != 2) throw new InvalidDataException("Only 64-bit ELF (ELFCLASS64) is supported.");
        if (bytes[5] != 1) throw new InvalidDataException("Only little-endian ELF (ELFDATA2LSB) is supported.");
        ulong shoff = U64(0x28);
        int shentsize = U16(0x3A), shnum = U16(0x3C);
        if (shoff == 0 || shnum == 0) throw new InvalidDataException("The ELF file has no section headers.");
        if (shentsize < 64) throw new InvalidDataException($"Unexpected section header size {shentsize}.");
        Check(shoff, (ulong)shentsize * (ulong)shnum, "section header table");
        var sections = new ElfSection[shnum];
        for (int i = 0; i < shnum; i++)
        {
            int o = checked((int)shoff + i * shentsize);
            var s = new ElfSection(i, U32(o + 4), U64(o + 0x18), U64(o + 0x20), U32(o + 0x28), U32(o + 0x2C), U64(o + 0x38));
            if (s.Type != 8 /* SHT_NOBITS */ && s.Size > 0) Check(s.Offset, s.Size, $"section {i}");
            sections[i] = s;
        }
        Sections = sections;
    }

    /// <summary>The raw file bytes.</summary>
    public byte[] Bytes { get; }

    /// <summary>All section headers, by index.</summary>
    public IReadOnlyList<ElfSection> Sections { get; }

    /// <summary>The first section of the given type, or null.</summary>
    public ElfSection? FindSection(uint type) => Sections.FirstOrDefault(s => s.Type == type);

    /// <summary>Version requirements (<c>.gnu.version_r</c>): one entry per (needed file, version name), with the file
    /// offset of its <c>vna_flags</c> field so it can be patched.</summary>
    public IReadOnlyList<ElfVersionRequirement> VersionRequirements()
    {
        var sec = FindSection(ShtGnuVerneed);
        if (sec is null) return [];
        var strtab = Sections[(int)sec.Link];
        var list = new List<ElfVersionRequirement>();
        ulong entry = sec.Offset, end = sec.Offset + sec.Size;
        for (int guard = 0; guard < 4096; guard++)
        {
            Check(entry, 16, "verneed entry");
            if (entry + 16 > end) throw new InvalidDataException("A verneed entry runs past its section.");
            int cnt = U16((int)entry + 2);
            string file = String(strtab, U32((int)entry + 4));
            ulong aux = entry + U32((int)entry + 8);
            for (int j = 0; j < cnt; j++)
            {
                Check(aux, 16, "vernaux entry");
                ushort flags = (ushort)U16((int)aux + 4);
                ushort other = (ushort)U16((int)aux + 6);
                string name = String(strtab, U32((int)aux + 8));
                list.Add(new ElfVersionRequirement(file, name, flags, other, (long)aux + 4));
                uint next = U32((int)aux + 12);
                if (next == 0) break;
                aux += next;
            }
            uint vnNext = U32((int)entry + 12);
            if (vnNext == 0) return list;
            entry += vnNext;
        }
        throw new InvalidDataException("The verneed chain does not terminate.");
    }

    /// <summary>Version names this object defines (<c>.gnu.version_d</c>), e.g. <c>GLIBCXX_3.4.30</c> for libstdc++.</summary>
    public IReadOnlySet<string> VersionDefinitions()
    {
        var sec = FindSection(ShtGnuVerdef);
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (sec is null) return set;
        var strtab = Sections[(int)sec.Link];
        ulong entry = sec.Offset;
        for (int guard = 0; guard < 65536; guard++)
        {
            Check(entry, 20, "verdef entry");
            int cnt = U16((int)entry + 6);
            ulong aux = entry + U32((int)entry + 12);
            if (cnt > 0) { Check(aux, 8, "verdaux entry"); set.Add(String(strtab, U32((int)aux))); }
            uint next = U32((int)entry + 16);
            if (next == 0) return set;
            entry += next;
        }
        throw new InvalidDataException("The verdef chain does not terminate.");
    }

    /// <summary>Dynamic symbols (index, name, version index without the hidden bit).</summary>
    public IReadOnlyList<ElfSymbol> DynamicSymbols()
    {
        var dynsym = FindSection(ShtDynsym);
        if (dynsym is null) return [];
        var strtab = Sections[(int)dynsym.Link];
        var versym = FindSection(ShtGnuVersym);
        int entsize = dynsym.EntrySize == 0 ? 24 : (int)dynsym.EntrySize;
        int n = (int)(dynsym.Size / (ulong)entsize);
        var result = new ElfSymbol[n];
        for (int i = 0; i < n; i++)
        {
            int o = (int)dynsym.Offset + i * entsize;
            string name = String(strtab, U32(o));
            ushort section = (ushort)U16(o + 6);
            int version = versym is null || (ulong)(2 * i + 2) > versym.Size ? 1 : U16((int)versym.Offset + 2 * i) & 0x7fff;
            result[i] = new ElfSymbol(i, name, version, section != 0);
        }
        return result;
    }

    /// <summary>Indices of dynamic symbols referenced by any RELA relocation (<c>.rela.dyn</c>, <c>.rela.plt</c>).</summary>
    public IReadOnlySet<int> RelocatedSymbolIndices()
    {
        var set = new HashSet<int>();
        var dynsym = FindSection(ShtDynsym);
        foreach (var s in Sections)
        {
            if (s.Type != ShtRela || dynsym is null || s.Link != (uint)dynsym.Index) continue;
            int entsize = s.EntrySize == 0 ? 24 : (int)s.EntrySize;
            long n = (long)(s.Size / (ulong)entsize);
            for (long i = 0; i < n; i++)
            {
                ulong info = U64(checked((int)(s.Offset + (ulong)(i * entsize)) + 8));
                int sym = (int)(info >> 32);
                if (sym != 0) set.Add(sym);
            }
        }
        return set;
    }

    private string String(ElfSection strtab, uint offset)
    {
        if (offset >= strtab.Size) throw new InvalidDataException($"String offset {offset} lies outside its string table.");
        int start = checked((int)(strtab.Offset + offset));
        int limit = (int)(strtab.Offset + strtab.Size);
        int end = Array.IndexOf(Bytes, (byte)0, start, limit - start);
        if (end < 0) throw new InvalidDataException("Unterminated string in an ELF string table.");
        return Encoding.ASCII.GetString(Bytes, start, end - start);
    }

    private void Check(ulong offset, ulong length, string what)
    {
        if (offset > (ulong)Bytes.Length || length > (ulong)Bytes.Length - offset)
            throw new InvalidDataException($"The ELF {what} (offset {offset}, {length} bytes) lies outside the file ({Bytes.Length} bytes).");
    }

    private int U16(int o) { Check((ulong)o, 2, "field"); return BinaryPrimitives.ReadUInt16LittleEndian(Bytes.AsSpan(o)); }
    private uint U32(int o) { Check((ulong)o, 4, "field"); return BinaryPrimitives.ReadUInt32LittleEndian(Bytes.AsSpan(o)); }
    private ulong U64(int o) { Check((ulong)o, 8, "field"); return BinaryPrimitives.ReadUInt64LittleEndian(Bytes.AsSpan(o)); }
}

/// <summary>One ELF section header (the fields this reader uses).</summary>
/// <param name="Index">Section index.</param>
/// <param name="Type">sh_type.</param>
/// <param name="Offset">File offset of the section's bytes.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Link">sh_link (e.g. the string table of a symbol table).</param>
/// <param name="Info">sh_info.</param>
/// <param name="EntrySize">sh_entsize (0 when not a table).</param>
public sealed record ElfSection(int Index, uint Type, ulong Offset, ulong Size, uint Link, uint Info, ulong EntrySize);

/// <summary>One required symbol version (a <c>Vernaux</c> entry of <c>.gnu.version_r</c>).</summary>
/// <param name="File">The needed library (e.g. <c>libstdc++.so.6</c>).</param>
/// <param name="Version">The version name (e.g. <c>GLIBCXX_3.4.32</c>).</param>
/// <param name="Flags">vna_flags; bit 0x2 (<see cref="WeakFlag"/>) marks a weak requirement the loader only warns about.</param>
/// <param name="Index">vna_other: the version index that <c>.gnu.version</c> entries use.</param>
/// <param name="FlagsOffset">File offset of the 16-bit vna_flags field.</param>
public sealed record ElfVersionRequirement(string File, string Version, ushort Flags, ushort Index, long FlagsOffset)
{
    /// <summary>VER_FLG_WEAK.</summary>
    public const ushort WeakFlag = 0x2;

    /// <summary>True when the requirement is weak (missing version tolerated by the dynamic loader).</summary>
    public bool IsWeak => (Flags & WeakFlag) != 0;
}

/// <summary>One dynamic symbol.</summary>
/// <param name="Index">Index in <c>.dynsym</c>.</param>
/// <param name="Name">Symbol name.</param>
/// <param name="VersionIndex">Version index from <c>.gnu.version</c> (hidden bit cleared); 0 local, 1 global.</param>
/// <param name="IsDefined">True when the symbol is defined in this object (not an import).</param>
public sealed record ElfSymbol(int Index, string Name, int VersionIndex, bool IsDefined);
