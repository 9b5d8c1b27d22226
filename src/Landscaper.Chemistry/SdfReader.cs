using System.Globalization;
using System.IO.Compression;

namespace Landscaper.Chemistry;

/// <summary>
/// Reads SD files of V2000 molfiles (<c>.sdf</c>, or gzip-compressed <c>.sdf.gz</c>, detected from the content).
/// </summary>
/// <remarks>
/// <para>Per record: three header lines (the first is the title), the counts line (<c>aaabbb ... V2000</c>), the atom
/// block (x, y, z in Å; symbol; mass-difference and charge columns: charge codes 1..7 = +3, +2, +1, doublet radical, -1,
/// -2, -3), the bond block (types 1, 2, 3, and 4 = aromatic, which is kekulised), the properties block (<c>M  CHG</c>,
/// <c>M  ISO</c>, <c>M  RAD</c>; the first of these resets the charges and radicals of the atom block, as the format
/// specifies; other property lines are ignored) up to <c>M  END</c> (the atom-block stereo parity, hydrogen-count and
/// valence columns and the bond stereo column are not used), then data items (<c>&gt; ... &lt;name&gt; ...</c>
/// header, value lines up to a blank line) and <c>$$$$</c>. The symbols D and T are read as ²H and ³H.</para>
/// <para>Atoms get implicit hydrogens from the default valences (charge-adjusted, see <see cref="Valence"/>); hydrogens
/// that are atoms of the molfile stay graph atoms (see <see cref="Molecule.WithoutHydrogens"/>). Aromaticity is then
/// perceived on the Kekulé structure unless switched off.</para>
/// <para>Anything else that does not fit — V3000, query atoms or bonds, non-numeric fields, a wrong count, a bond to a
/// missing atom, a missing <c>M  END</c> — raises <see cref="SdfException"/> with the record and line number.</para>
/// </remarks>
public static class SdfReader
{
    /// <summary>Reads every record of the file at <paramref name="path"/> (plain or gzip).</summary>
    /// <exception cref="SdfException">Malformed content.</exception>
    public static IReadOnlyList<SdfRecord> ReadFile(string path, bool perceiveAromaticity = true)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, perceiveAromaticity);
    }

    /// <summary>Reads every record from <paramref name="stream"/>; gzip content is recognised by its magic bytes.</summary>
    /// <exception cref="SdfException">Malformed content.</exception>
    public static IReadOnlyList<SdfRecord> Read(Stream stream, bool perceiveAromaticity = true)
    {
        Stream seekable = stream.CanSeek ? new BufferedStream(stream) : Copy(stream);
        Stream input = IsGzip(seekable) ? new GZipStream(seekable, CompressionMode.Decompress) : seekable;
        using var reader = new StreamReader(input);
        return Read(reader, perceiveAromaticity).ToList();
    }

    /// <summary>Reads the records of an SD file from text, lazily.</summary>
    /// <exception cref="SdfException">Malformed content.</exception>
    public static IEnumerable<SdfRecord> Read(TextReader reader, bool perceiveAromaticity = true)
    {
        var lines = new LineSource(reader);
        int record = 0;
        while (true)
        {
            // skip blank lines between records (a trailing newline after the last $$$$)
            string? peek = lines.Peek();
            while (peek is not null && peek.Trim().Length == 0 && lines.PeekIsBlankRun())
            {
                lines.Next();
                peek = lines.Peek();
            }
            if (peek is null) yield break;
            record++;
            yield return ReadRecord(lines, record, perceiveAromaticity);
        }
    }

    /// <summary>Parses one molfile (V2000 connection table, no data items).</summary>
    /// <exception cref="SdfException">Malformed content (record number 1).</exception>
    public static Molecule ParseMolBlock(string molBlock, bool perceiveAromaticity = true)
    {
        using var reader = new StringReader(molBlock);
        return ReadRecord(new LineSource(reader), 1, perceiveAromaticity, dataItems: false).Molecule;
    }

    private static MemoryStream Copy(Stream s)
    {
        var m = new MemoryStream();
        s.CopyTo(m);
        m.Position = 0;
        return m;
    }

    private static bool IsGzip(Stream s)
    {
        long start = s.Position;
        int b1 = s.ReadByte(), b2 = s.ReadByte();
        s.Position = start;
        return b1 == 0x1f && b2 == 0x8b;
    }

    private static SdfRecord ReadRecord(LineSource lines, int record, bool perceiveAromaticity, bool dataItems = true)
    {
        SdfException Error(string reason, int? line = null) => new(record, line ?? lines.LineNumber, reason);
        string Required(string what) => lines.Next() ?? throw Error($"unexpected end of file; expected {what}", lines.LineNumber + 1);

        string title = Required("the title line").Trim();
        Required("the program line");
        Required("the comment line");
        string counts = Required("the counts line");
        int countsLine = lines.LineNumber;
        if (counts.Contains("V3000", StringComparison.Ordinal)) throw Error("V3000 molfiles are not supported");
        if (counts.Length >= 39 && counts.Substring(33, 6).Trim() is { Length: > 0 } version && version != "V2000")
            throw Error($"unknown molfile version '{version}', expected V2000");
        int nAtoms = Int(counts, 0, 3, "atom count", countsLine, record);
        int nBonds = Int(counts, 3, 3, "bond count", countsLine, record);

        var atoms = new List<Atom>(nAtoms);
        var coords = new List<Point3>(nAtoms);
        for (int i = 0; i < nAtoms; i++)
        {
            string line = Required($"atom line {i + 1} of {nAtoms}");
            int ln = lines.LineNumber;
            if (line.Length < 34) throw Error($"atom line too short ({line.Length} characters, need at least 34)");
            double x = Real(line, 0, 10, "x", ln, record), y = Real(line, 10, 10, "y", ln, record), z = Real(line, 20, 10, "z", ln, record);
            string symbol = line.Substring(31, Math.Min(3, line.Length - 31)).Trim();
            int isotope = 0;
            if (symbol == "D") { symbol = "H"; isotope = 2; }
            else if (symbol == "T") { symbol = "H"; isotope = 3; }
            if (!Element.TryFromSymbol(symbol, out var element))
                throw Error(symbol is "A" or "Q" or "L" or "*" or "R#" or "LP"
                    ? $"query/pseudo atom '{symbol}' is not supported"
                    : $"unknown element symbol '{symbol}'");
            int massDiff = line.Length >= 36 ? OptionalInt(line, 34, 2, "mass difference", ln, record) : 0;
            if (massDiff != 0) throw Error("the mass-difference column is not supported; use an M  ISO line");
            int chargeCode = line.Length >= 37 ? OptionalInt(line, 36, 3, "charge code", ln, record) : 0;
            int charge = chargeCode switch
            {
                0 => 0, 1 => 3, 2 => 2, 3 => 1, 4 => 0, 5 => -1, 6 => -2, 7 => -3,
                _ => throw Error($"charge code {chargeCode} is not one of 0..7"),
            };
            atoms.Add(new Atom(element) { Isotope = isotope, FormalCharge = charge, RadicalElectrons = chargeCode == 4 ? 1 : 0 });
            coords.Add(new Point3(x, y, z));
        }

        var bonds = new List<Bond>(nBonds);
        var seen = new HashSet<(int, int)>();
        for (int i = 0; i < nBonds; i++)
        {
            string line = Required($"bond line {i + 1} of {nBonds}");
            int ln = lines.LineNumber;
            if (line.Length < 9) throw Error($"bond line too short ({line.Length} characters, need at least 9)");
            int a1 = Int(line, 0, 3, "first atom", ln, record), a2 = Int(line, 3, 3, "second atom", ln, record);
            int type = Int(line, 6, 3, "bond type", ln, record);
            if (a1 < 1 || a1 > nAtoms || a2 < 1 || a2 > nAtoms)
                throw Error($"bond between atoms {a1} and {a2}, but the record has {nAtoms} atoms");
            if (a1 == a2) throw Error($"bond from atom {a1} to itself");
            if (!seen.Add((Math.Min(a1, a2), Math.Max(a1, a2)))) throw Error($"second bond between atoms {a1} and {a2}");
            var order = type switch
            {
                1 => BondOrder.Single, 2 => BondOrder.Double, 3 => BondOrder.Triple, 4 => BondOrder.Aromatic,
                _ => throw Error($"bond type {type} is not supported (1, 2, 3 or 4)"),
            };
            bonds.Add(new Bond(a1 - 1, a2 - 1, order, kekuleOrder: 0));
            if (order == BondOrder.Aromatic)
            {
                atoms[a1 - 1] = atoms[a1 - 1] with { IsAromatic = true };
                atoms[a2 - 1] = atoms[a2 - 1] with { IsAromatic = true };
            }
        }

        bool propertiesReset = false;
        while (true)
        {
            string line = Required("'M  END'");
            if (line.StartsWith("M  END", StringComparison.Ordinal)) break;
            if (line.StartsWith("$$$$", StringComparison.Ordinal)) throw Error("record ends before 'M  END'");
            bool chg = line.StartsWith("M  CHG", StringComparison.Ordinal);
            bool iso = line.StartsWith("M  ISO", StringComparison.Ordinal);
            bool rad = line.StartsWith("M  RAD", StringComparison.Ordinal);
            if (!(chg || iso || rad)) continue;
            if (!propertiesReset)
            {
                for (int i = 0; i < atoms.Count; i++) atoms[i] = atoms[i] with { FormalCharge = 0, RadicalElectrons = 0 };
                propertiesReset = true;
            }
            var tokens = line[6..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length == 0 || !int.TryParse(tokens[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int count) || count < 1 || count > 8)
                throw Error($"'{line[..6]}' needs an entry count 1..8");
            if (tokens.Length != 1 + 2 * count)
                throw Error($"'{line[..6]}' announces {count} entries but has {(tokens.Length - 1) / 2.0:0.#}");
            for (int k = 0; k < count; k++)
            {
                if (!int.TryParse(tokens[1 + 2 * k], NumberStyles.Integer, CultureInfo.InvariantCulture, out int atom) ||
                    !int.TryParse(tokens[2 + 2 * k], NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
                    throw Error($"'{line[..6]}' entry {k + 1} is not a pair of integers");
                if (atom < 1 || atom > atoms.Count) throw Error($"'{line[..6]}' refers to atom {atom}, but the record has {atoms.Count} atoms");
                var a = atoms[atom - 1];
                atoms[atom - 1] = chg ? a with { FormalCharge = value }
                    : iso ? a with { Isotope = value }
                    : a with { RadicalElectrons = value switch { 0 => 0, 1 => 2, 2 => 1, 3 => 2, _ => throw Error($"radical value {value} is not 0..3") } };
            }
        }

        var data = new List<KeyValuePair<string, string>>();
        if (dataItems)
        {
            while (true)
            {
                string? line = lines.Next();
                if (line is null) break; // tolerate a missing final $$$$
                if (line.StartsWith("$$$$", StringComparison.Ordinal)) break;
                if (line.Trim().Length == 0) continue;
                if (!line.StartsWith('>')) throw Error($"expected a data header '> <name>' or '$$$$', found '{Shorten(line)}'");
                int lt = line.IndexOf('<'), gt = lt >= 0 ? line.IndexOf('>', lt + 1) : -1;
                if (lt < 0 || gt < 0) throw Error($"data header without <name>: '{Shorten(line)}'");
                string name = line[(lt + 1)..gt];
                var value = new List<string>();
                while (true)
                {
                    string? v = lines.Peek();
                    if (v is null || v.Trim().Length == 0) { if (v is not null) lines.Next(); break; }
                    if (v.StartsWith("$$$$", StringComparison.Ordinal)) break;
                    value.Add(lines.Next()!.TrimEnd());
                }
                data.Add(new(name, string.Join('\n', value)));
            }
        }

        var mol = new Molecule(atoms.Select(a => a.RadicalElectrons > 0 ? a with { IsBracketAtom = true } : a), bonds, coords);
        mol = Valence.AssignImplicitHydrogens(mol);
        try
        {
            mol = Kekulizer.Kekulize(mol);
        }
        catch (KekulizationException e)
        {
            throw Error($"aromatic bonds around atom {e.Atom + 1} cannot be kekulised: {e.Reason}", countsLine);
        }
        if (perceiveAromaticity) mol = Aromaticity.Perceive(mol);
        return new SdfRecord(record, title, mol, data);
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "...";

    private static int Int(string line, int start, int length, string what, int lineNo, int record)
    {
        if (line.Length < start + 1) throw new SdfException(record, lineNo, $"missing {what} (columns {start + 1}-{start + length})");
        string field = line.Substring(start, Math.Min(length, line.Length - start)).Trim();
        if (!int.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v))
            throw new SdfException(record, lineNo, $"{what} '{field}' (columns {start + 1}-{start + length}) is not an integer");
        return v;
    }

    private static int OptionalInt(string line, int start, int length, string what, int lineNo, int record)
    {
        string field = line.Substring(start, Math.Min(length, line.Length - start)).Trim();
        return field.Length == 0 ? 0 : Int(line, start, length, what, lineNo, record);
    }

    private static double Real(string line, int start, int length, string what, int lineNo, int record)
    {
        string field = line.Substring(start, length).Trim();
        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw new SdfException(record, lineNo, $"{what} coordinate '{field}' (columns {start + 1}-{start + length}) is not a number");
        return v;
    }

    private sealed class LineSource(TextReader reader)
    {
        private readonly List<string> _lookahead = [];

        /// <summary>1-based number of the last line returned by <see cref="Next"/>.</summary>
        public int LineNumber { get; private set; }

        public string? Peek() => Fill(1) ? _lookahead[0] : null;

        /// <summary>True when every remaining line up to the next non-blank one (or the end) is blank and that
        /// non-blank line is not a molfile title — i.e. the blank lines are just separators or trailing.</summary>
        public bool PeekIsBlankRun()
        {
            int k = 0;
            while (Fill(k + 1) && _lookahead[k].Trim().Length == 0) k++;
            return !Fill(k + 1); // only trailing blank lines are skipped; a blank title line starts a record
        }

        public string? Next()
        {
            if (!Fill(1)) return null;
            var s = _lookahead[0];
            _lookahead.RemoveAt(0);
            LineNumber++;
            return s;
        }

        private bool Fill(int count)
        {
            while (_lookahead.Count < count)
            {
                var s = reader.ReadLine();
                if (s is null) return false;
                _lookahead.Add(s);
            }
            return true;
        }
    }
}
