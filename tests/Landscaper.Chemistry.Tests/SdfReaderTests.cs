using System.IO.Compression;
using System.Text;

namespace Landscaper.Chemistry.Tests;

public sealed class SdfReaderTests
{
    // nitromethane with explicit charges in the atom block AND an M  CHG line, plus an isotope label
    private const string Nitromethane =
        "nitromethane\n" +
        "  handmade\n" +
        "comment line\n" +
        "  4  3  0  0  0  0  0  0  0  0999 V2000\n" +
        "   -1.2000    0.0000    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0\n" +
        "    0.2800    0.0000    0.0500 N   0  3  0  0  0  0  0  0  0  0  0  0\n" +
        "    0.9000    1.0700   -0.0100 O   0  0  0  0  0  0  0  0  0  0  0  0\n" +
        "    0.9000   -1.0700    0.0000 O   0  5  0  0  0  0  0  0  0  0  0  0\n" +
        "  1  2  1  0\n" +
        "  2  3  2  0\n" +
        "  2  4  1  0\n" +
        "M  CHG  2   2   1   4  -1\n" +
        "M  ISO  1   1  13\n" +
        "M  END\n" +
        ">  <ACTIVITY>  (1) \n" +
        "6.87\n" +
        "\n" +
        "> <note>\n" +
        "first line\n" +
        "second line\n" +
        "\n" +
        "$$$$\n";

    private const string Benzene =
        "\n" + // blank title line
        "     RDKit          3D\n" +
        "\n" +
        "  6  6  0  0  0  0  0  0  0  0999 V2000\n" +
        "    1.3900    0.0000    0.0000 C   0  0\n" +
        "    0.6950    1.2040    0.0000 C   0  0\n" +
        "   -0.6950    1.2040    0.0000 C   0  0\n" +
        "   -1.3900    0.0000    0.0000 C   0  0\n" +
        "   -0.6950   -1.2040    0.0000 C   0  0\n" +
        "    0.6950   -1.2040    0.0000 C   0  0\n" +
        "  1  2  4  0\n" +
        "  2  3  4  0\n" +
        "  3  4  4  0\n" +
        "  4  5  4  0\n" +
        "  5  6  4  0\n" +
        "  6  1  4  0\n" +
        "M  END\n" +
        "$$$$\n";

    private static IReadOnlyList<SdfRecord> Read(string text) => SdfReader.Read(new StringReader(text)).ToList();

    [Fact]
    public void Reads_title_coordinates_charges_isotopes_and_data_fields()
    {
        var records = Read(Nitromethane + Benzene);
        Assert.Equal(2, records.Count);
        var r = records[0];
        Assert.Equal(1, r.Number);
        Assert.Equal("nitromethane", r.Title);
        var m = r.Molecule;
        Assert.Equal(4, m.AtomCount);
        Assert.Equal(new Point3(0.28, 0.0, 0.05), m.Coordinates![1]);
        Assert.Equal(new Point3(0.9, -1.07, 0.0), m.Coordinates[3]);
        Assert.Equal(1, m.Atoms[1].FormalCharge);
        Assert.Equal(-1, m.Atoms[3].FormalCharge);
        Assert.Equal(0, m.FormalChargeSum);
        Assert.Equal(13, m.Atoms[0].Isotope);
        Assert.Equal(3, m.Atoms[0].ImplicitHydrogenCount);
        Assert.Equal(0, m.Atoms[1].ImplicitHydrogenCount); // N+ with valence 4
        Assert.Equal(0, m.Atoms[3].ImplicitHydrogenCount); // O- with one bond
        Assert.Equal("6.87", r["ACTIVITY"]);
        Assert.Equal("first line\nsecond line", r["note"]);
        Assert.Null(r["missing"]);
        Assert.Equal(["ACTIVITY", "note"], r.Data.Select(d => d.Key));

        var benzene = records[1];
        Assert.Equal(2, benzene.Number);
        Assert.Equal("", benzene.Title);
        Assert.Equal(6, benzene.Molecule.AromaticAtomCount);
        Assert.Equal(6, benzene.Molecule.TotalHydrogenCount);
        Assert.Equal(3, benzene.Molecule.Bonds.Count(b => b.KekuleOrder == 2)); // aromatic type 4 kekulised
    }

    [Fact]
    public void M_CHG_supersedes_atom_block_charges()
    {
        // atom block says N+ (code 3) and O- (code 5); the M  CHG line mentions only atom 2, so atom 4 loses its charge
        string text = Nitromethane.Replace("M  CHG  2   2   1   4  -1", "M  CHG  1   2   1");
        var m = Read(text)[0].Molecule;
        Assert.Equal(1, m.Atoms[1].FormalCharge);
        Assert.Equal(0, m.Atoms[3].FormalCharge);
        Assert.Equal(1, m.Atoms[3].ImplicitHydrogenCount);
        // without any M  CHG / M  ISO / M  RAD line the atom block charges count
        string plain = Nitromethane.Replace("M  CHG  2   2   1   4  -1\n", "").Replace("M  ISO  1   1  13\n", "");
        var p = Read(plain)[0].Molecule;
        Assert.Equal(1, p.Atoms[1].FormalCharge);
        Assert.Equal(-1, p.Atoms[3].FormalCharge);
    }

    [Fact]
    public void Reads_gzip_files_and_plain_files_alike()
    {
        string dir = Directory.CreateTempSubdirectory("sdf-test").FullName;
        try
        {
            string plain = Path.Combine(dir, "two.sdf"), gz = Path.Combine(dir, "two.sdf.gz");
            File.WriteAllText(plain, Nitromethane + Benzene);
            using (var f = File.Create(gz))
            using (var z = new GZipStream(f, CompressionLevel.Optimal))
                z.Write(Encoding.ASCII.GetBytes(Nitromethane + Benzene));
            var a = SdfReader.ReadFile(plain);
            var b = SdfReader.ReadFile(gz);
            Assert.Equal(2, b.Count);
            Assert.Equal(a.Select(r => SmilesWriter.WriteCanonical(r.Molecule)), b.Select(r => SmilesWriter.WriteCanonical(r.Molecule)));
            using var forwardOnly = new ForwardOnlyStream(File.OpenRead(gz));
            Assert.Equal(2, SdfReader.Read(forwardOnly).Count);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Reads_the_committed_bzr_file()
    {
        var records = SdfReader.ReadFile(RepoData.File("bzr.sdf"));
        Assert.Equal(163, records.Count);
        Assert.Equal("Adinazolam", records[0].Title);
        Assert.Equal("6.87", records[0]["ACTIVITY"]);
        Assert.All(records, r => Assert.True(double.TryParse(r["ACTIVITY"], System.Globalization.CultureInfo.InvariantCulture, out _)));
        Assert.Equal(25, records[0].Molecule.AtomCount);
        Assert.Equal(new Point3(0.264, 2.166, 0.019), records[0].Molecule.Coordinates![0]);
    }

    [Fact]
    public void ParseMolBlock_reads_a_single_connection_table()
    {
        string block = Nitromethane[..(Nitromethane.IndexOf("M  END", StringComparison.Ordinal) + 7)];
        var m = SdfReader.ParseMolBlock(block);
        Assert.Equal(4, m.AtomCount);
        Assert.Equal(0, m.FormalChargeSum);
    }

    public static TheoryData<string, int, int, string> Malformed()
    {
        // errors in the second record of the file: record 2, whose title is line 23 (the first record has 22 lines)
        Assert.Equal(22, Nitromethane.Count(c => c == '\n'));
        string B(Func<string, string> edit) => Nitromethane + edit(Nitromethane);
        return new TheoryData<string, int, int, string>
        {
            { B(s => s.Replace("    0.2800", "    0.2x00")), 2, 28, "x coordinate '0.2x00'" },
            { B(s => s.Replace("  2  4  1  0", "  2  9  1  0")), 2, 33, "bond between atoms 2 and 9, but the record has 4 atoms" },
            { B(s => s.Replace("  2  3  2  0", "  2  3  8  0")), 2, 32, "bond type 8 is not supported" },
            { B(s => s.Replace(" V2000", " V3000")), 2, 26, "V3000 molfiles are not supported" },
            { B(s => s.Replace("O   0  0", "Xx  0  0")), 2, 29, "unknown element symbol 'Xx'" },
            { B(s => s.Replace("M  CHG  2   2   1   4  -1", "M  CHG  3   2   1   4  -1")), 2, 34, "announces 3 entries but has 2" },
            { B(s => s.Replace("M  END\n", "")), 2, 43, "record ends before 'M  END'" },
            { B(s => s.Replace(">  <ACTIVITY>  (1) ", "> ACTIVITY")), 2, 37, "data header without <name>" },
            { B(s => s.Replace("  4  3  0  0", "  a  3  0  0")), 2, 26, "atom count 'a'" },
            { B(s => s[..s.IndexOf("  1  2  1  0", StringComparison.Ordinal)]), 2, 31, "unexpected end of file; expected bond line 1 of 3" },
            { B(s => s.Replace("N   0  3", "N   0  9")), 2, 28, "charge code 9 is not one of 0..7" },
            { B(s => s.Replace("C   0  0", "A   0  0")), 2, 27, "query/pseudo atom 'A'" },
        };
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_records_report_record_and_line(string text, int record, int line, string reason)
    {
        var e = Assert.Throws<SdfException>(() => Read(text));
        Assert.Equal(record, e.RecordNumber);
        Assert.Equal(line, e.LineNumber);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.StartsWith($"SDF record {record}, line {line}: ", e.Message, StringComparison.Ordinal);
    }

    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing) { if (disposing) inner.Dispose(); base.Dispose(disposing); }
    }
}
