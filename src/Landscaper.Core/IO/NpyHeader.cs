using System.Globalization;
using System.Text;

namespace Landscaper.IO;

/// <summary>
/// The parsed header dictionary of a <c>.npy</c> file: <c>{'descr': '&lt;f8', 'fortran_order': False, 'shape': (10, 10), }</c>.
/// </summary>
/// <remarks>
/// The parser accepts exactly the Python literal subset NumPy writes: a dict with single- or double-quoted string
/// keys <c>descr</c>, <c>fortran_order</c> and <c>shape</c> (each exactly once, no others), a string descriptor,
/// <c>True</c>/<c>False</c>, and a tuple of non-negative integers (trailing comma required for one element,
/// as in Python). Anything else is an <see cref="NpyFormatException"/>.
/// </remarks>
internal sealed record NpyHeader(string Descr, bool FortranOrder, long[] Shape)
{
    /// <summary>Largest number of dimensions accepted (NumPy 2's limit).</summary>
    public const int MaxRank = 64;

    /// <summary>Parses the header text; <paramref name="entry"/> names the source in error messages.</summary>
    public static NpyHeader Parse(string text, string? entry) => new Parser(text, entry).ParseDict();

    /// <summary>Formats the header dict exactly as NumPy's <c>_write_array_header</c> does before padding
    /// (keys sorted, trailing <c>", }"</c>, plus spare spaces so axis 0 can grow to 21 digits in place).</summary>
    public string Format()
    {
        var sb = new StringBuilder();
        sb.Append("{'descr': '").Append(Descr).Append("', 'fortran_order': ").Append(FortranOrder ? "True" : "False")
          .Append(", 'shape': ").Append(NpyArray.FormatShape(Shape)).Append(", }");
        if (Shape.Length > 0)
        {
            long growth = FortranOrder ? Shape[^1] : Shape[0];
            int pad = 21 - growth.ToString(CultureInfo.InvariantCulture).Length;
            if (pad > 0) sb.Append(' ', pad);
        }
        return sb.ToString();
    }

    private struct Parser(string text, string? entry)
    {
        private int _pos;

        public NpyHeader ParseDict()
        {
            string? descr = null;
            bool? fortran = null;
            long[]? shape = null;
            SkipWhitespace();
            Expect('{', "the header must start with '{'");
            while (true)
            {
                SkipWhitespace();
                if (Peek() == '}') { _pos++; break; }
                string key = ParseString("a dict key");
                SkipWhitespace();
                Expect(':', $"expected ':' after key '{key}'");
                SkipWhitespace();
                switch (key)
                {
                    case "descr":
                        if (descr is not null) throw Fail("duplicate key 'descr'");
                        if (Peek() == '[') throw Fail("structured (record) dtypes are not supported");
                        descr = ParseString("the 'descr' value");
                        break;
                    case "fortran_order":
                        if (fortran is not null) throw Fail("duplicate key 'fortran_order'");
                        fortran = ParseBool();
                        break;
                    case "shape":
                        if (shape is not null) throw Fail("duplicate key 'shape'");
                        shape = ParseShape();
                        break;
                    default:
                        throw Fail($"unexpected header key '{key}' (expected 'descr', 'fortran_order' and 'shape')");
                }
                SkipWhitespace();
                char c = Peek();
                if (c == ',') { _pos++; continue; }
                if (c == '}') { _pos++; break; }
                throw Fail($"expected ',' or '}}' after the value of '{key}' but found {Describe(c)}");
            }
            SkipWhitespace();
            if (_pos != text.Length) throw Fail($"unexpected text after the closing '}}' at offset {_pos}");
            if (descr is null) throw Fail("the header has no 'descr' key");
            if (fortran is null) throw Fail("the header has no 'fortran_order' key");
            if (shape is null) throw Fail("the header has no 'shape' key");
            return new NpyHeader(descr, fortran.Value, shape);
        }

        private long[] ParseShape()
        {
            Expect('(', "the 'shape' value must be a tuple such as (10, 10)");
            var dims = new List<long>();
            bool trailingComma = false;
            while (true)
            {
                SkipWhitespace();
                if (Peek() == ')') { _pos++; break; }
                if (dims.Count == MaxRank) throw Fail($"the shape has more than {MaxRank} dimensions");
                dims.Add(ParseDimension(dims.Count));
                SkipWhitespace();
                char c = Peek();
                if (c == ',') { _pos++; trailingComma = true; continue; }
                trailingComma = false;
                if (c == ')') { _pos++; break; }
                throw Fail($"expected ',' or ')' in the shape tuple but found {Describe(c)}");
            }
            if (dims.Count == 1 && !trailingComma) throw Fail("a one-element shape must be written '(n,)'; '(n)' is not a tuple");
            return dims.ToArray();
        }

        private long ParseDimension(int axis)
        {
            bool negative = false;
            if (Peek() == '-') { negative = true; _pos++; }
            int start = _pos;
            long value = 0;
            bool overflow = false;
            while (_pos < text.Length && text[_pos] is >= '0' and <= '9')
            {
                int digit = text[_pos] - '0';
                if (value > (long.MaxValue - digit) / 10) overflow = true; else value = value * 10 + digit;
                _pos++;
            }
            if (_pos == start) throw Fail($"expected an integer for dimension {axis} but found {Describe(Peek())}");
            if (Peek() == 'L') _pos++; // Python 2 long literal
            if (negative) throw Fail($"dimension {axis} is negative (-{text[start.._pos].TrimEnd('L')})");
            if (overflow) throw Fail($"dimension {axis} ({text[start.._pos]}) does not fit in a 64-bit integer");
            return value;
        }

        private bool ParseBool()
        {
            if (string.CompareOrdinal(text, _pos, "True", 0, 4) == 0) { _pos += 4; return true; }
            if (string.CompareOrdinal(text, _pos, "False", 0, 5) == 0) { _pos += 5; return false; }
            throw Fail($"the 'fortran_order' value must be True or False but found {Describe(Peek())}");
        }

        private string ParseString(string what)
        {
            char quote = Peek();
            if (quote is not ('\'' or '"')) throw Fail($"expected a quoted string for {what} but found {Describe(quote)}");
            int start = ++_pos;
            while (_pos < text.Length && text[_pos] != quote)
            {
                if (text[_pos] == '\\') throw Fail($"escape sequences are not supported in {what}");
                if (text[_pos] == '\n') throw Fail($"unterminated string in {what}");
                _pos++;
            }
            if (_pos >= text.Length) throw Fail($"unterminated string in {what}");
            string s = text[start.._pos];
            _pos++;
            return s;
        }

        private void Expect(char c, string message)
        {
            if (Peek() != c) throw Fail($"{message} (found {Describe(Peek())} at offset {_pos})");
            _pos++;
        }

        private void SkipWhitespace()
        {
            while (_pos < text.Length && text[_pos] is ' ' or '\t' or '\n' or '\r') _pos++;
        }

        private readonly char Peek() => _pos < text.Length ? text[_pos] : '\0';

        private readonly string Describe(char c) =>
            _pos >= text.Length ? "the end of the header" : char.IsControl(c) ? $"U+{(int)c:X4}" : $"'{c}'";

        private readonly NpyFormatException Fail(string problem) => new(entry, "bad npy header: " + problem, null);
    }
}
