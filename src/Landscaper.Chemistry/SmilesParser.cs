using System.Globalization;

namespace Landscaper.Chemistry;

/// <summary>
/// Parses SMILES (Daylight/OpenSMILES syntax) into a <see cref="Molecule"/>.
/// </summary>
/// <remarks>
/// <para>Supported: organic-subset atoms <c>B C N O P S F Cl Br I</c> and aromatic <c>b c n o p s</c>; bracket atoms
/// <c>[isotope symbol chirality Hn charge :class]</c> with any element symbol and aromatic <c>se as te</c> (plus the
/// lowercase organic ones); chirality <c>@ @@ @TH1 @TH2 @AL1 @SP1..3 @TB1..20 @OH1..30</c> (kept as written, not
/// interpreted); charges <c>+ - ++ -- +2 -3</c>; ring closures <c>0-9</c> and <c>%nn</c> with optional bond symbol;
/// branches; dot-disconnected fragments; bond symbols <c>- = # $ : / \</c> (the directional marks are kept on the bond).
/// The wildcard <c>*</c> is not supported.</para>
/// <para>Then: implicit hydrogens by the default-valence rules (<see cref="Valence"/>), radicals of bracket atoms,
/// kekulisation of lowercase aromatic input (<see cref="Kekulizer"/>), and, unless switched off, aromaticity
/// perception with the RDKit-compatible model (<see cref="Aromaticity"/>), which replaces the aromaticity as written.</para>
/// <para>Errors throw <see cref="SmilesException"/> with the 0-based position and what was expected.</para>
/// </remarks>
public static class SmilesParser
{
    /// <summary>Parses <paramref name="smiles"/> and perceives aromaticity.</summary>
    /// <exception cref="SmilesException">Invalid SMILES.</exception>
    public static Molecule Parse(string smiles) => Parse(smiles, perceiveAromaticity: true);

    /// <summary>Parses <paramref name="smiles"/>.</summary>
    /// <param name="smiles">The SMILES string.</param>
    /// <param name="perceiveAromaticity">
    /// True: aromaticity is re-perceived on the Kekulé structure (like RDKit's sanitisation). False: aromatic flags stay
    /// as written (lowercase atoms, aromatic bonds), still kekulised so every bond has a Kekulé order.
    /// </param>
    /// <exception cref="SmilesException">Invalid SMILES.</exception>
    public static Molecule Parse(string smiles, bool perceiveAromaticity)
    {
        ArgumentNullException.ThrowIfNull(smiles);
        var graph = new Reader(smiles).Read();
        var mol = graph;
        // lowercase atoms must be ring atoms
        for (int i = 0; i < mol.AtomCount; i++)
        {
            var a = mol.Atoms[i];
            if (a.IsAromatic && !mol.Rings.IsAtomInRing(i))
                throw new SmilesException(
                    $"aromatic atom '{a.Element.Symbol.ToLowerInvariant()}' at position {a.SourcePosition} is not in a ring",
                    a.SourcePosition, smiles);
        }
        mol = Valence.AssignImplicitHydrogens(mol);
        try
        {
            mol = Kekulizer.Kekulize(mol);
        }
        catch (KekulizationException e)
        {
            int p = mol.Atoms[e.Atom].SourcePosition;
            throw new SmilesException($"cannot kekulize the aromatic system containing the atom at position {p}: {e.Reason}", p, smiles);
        }
        mol = Valence.AssignImplicitHydrogens(mol); // bracket-atom radicals need the Kekulé orders
        return perceiveAromaticity ? Aromaticity.Perceive(mol) : mol;
    }

    /// <summary>True and the molecule when <paramref name="smiles"/> parses; false and the error otherwise.</summary>
    public static bool TryParse(string smiles, out Molecule? molecule, out SmilesException? error)
    {
        try
        {
            molecule = Parse(smiles);
            error = null;
            return true;
        }
        catch (SmilesException e)
        {
            molecule = null;
            error = e;
            return false;
        }
    }

    private sealed class Reader(string s)
    {
        private readonly List<Atom> _atoms = [];
        private readonly List<Bond> _bonds = [];
        private readonly HashSet<(int, int)> _bonded = [];
        private readonly Dictionary<int, (int Atom, char? Symbol, int SymbolPos, int Pos)> _rings = [];
        private readonly Stack<(int Atom, int Pos, int AtomCountAtOpen)> _branches = new();
        private int _pos;
        private int _prev = -1;
        private (char Symbol, int Pos)? _pendingBond;

        public Molecule Read()
        {
            if (s.Length == 0) throw Error("empty SMILES", 0);
            while (_pos < s.Length)
            {
                char c = s[_pos];
                switch (c)
                {
                    case '(': OpenBranch(); break;
                    case ')': CloseBranch(); break;
                    case '.': Dot(); break;
                    case '-' or '=' or '#' or '$' or ':' or '/' or '\\': BondSymbol(c); break;
                    case '%' or (>= '0' and <= '9'): RingClosure(); break;
                    case '[': AddAtom(ReadBracketAtom()); break;
                    case '*': throw Error($"the wildcard atom '*' at position {_pos} is not supported", _pos);
                    default:
                        if (!TryReadOrganicAtom(out var atom))
                            throw Error(char.IsWhiteSpace(c)
                                ? $"unexpected whitespace at position {_pos}"
                                : $"unexpected character '{c}' at position {_pos}", _pos);
                        AddAtom(atom);
                        break;
                }
            }
            if (_pendingBond is { } pb)
                throw Error($"bond symbol '{pb.Symbol}' at position {pb.Pos} is not followed by an atom", pb.Pos);
            if (_branches.Count > 0)
            {
                var open = _branches.Last(); // outermost unclosed branch
                throw Error($"unclosed branch '(' opened at position {open.Pos}", open.Pos);
            }
            if (_rings.Count > 0)
            {
                var (num, info) = _rings.OrderBy(kv => kv.Value.Pos).Select(kv => (kv.Key, kv.Value)).First();
                throw Error($"unclosed ring {RingLabel(num)} opened at position {info.Pos}", info.Pos);
            }
            if (_atoms.Count == 0) throw Error("SMILES contains no atom", 0);
            return new Molecule(_atoms, _bonds);
        }

        private SmilesException Error(string message, int position) => new(message, position, s);

        private static string RingLabel(int n) => n < 10 ? n.ToString(CultureInfo.InvariantCulture) : "%" + n.ToString("00", CultureInfo.InvariantCulture);

        private void OpenBranch()
        {
            if (_prev < 0) throw Error($"unexpected '(' at position {_pos}: a branch must follow an atom", _pos);
            if (_pendingBond is { } pb)
                throw Error($"bond symbol '{pb.Symbol}' at position {pb.Pos} must be followed by an atom, found '(' at position {_pos}", _pos);
            _branches.Push((_prev, _pos, _atoms.Count));
            _pos++;
        }

        private void CloseBranch()
        {
            if (_branches.Count == 0) throw Error($"unexpected ')' at position {_pos}: no branch is open", _pos);
            if (_pendingBond is { } pb)
                throw Error($"bond symbol '{pb.Symbol}' at position {pb.Pos} must be followed by an atom, found ')' at position {_pos}", _pos);
            var open = _branches.Pop();
            if (_atoms.Count == open.AtomCountAtOpen)
                throw Error($"empty branch: '(' at position {open.Pos} is closed at position {_pos} without an atom", open.Pos);
            _prev = open.Atom;
            _pos++;
        }

        private void Dot()
        {
            if (_pendingBond is { } pb)
                throw Error($"bond symbol '{pb.Symbol}' at position {pb.Pos} must be followed by an atom, found '.' at position {_pos}", _pos);
            if (_prev < 0) throw Error($"unexpected '.' at position {_pos}: expected an atom before it", _pos);
            if (_branches.Count > 0)
                throw Error($"unexpected '.' at position {_pos} inside the branch opened at position {_branches.Peek().Pos}", _pos);
            _prev = -1;
            _pos++;
        }

        private void BondSymbol(char c)
        {
            if (_prev < 0) throw Error($"bond symbol '{c}' at position {_pos} must follow an atom", _pos);
            if (_pendingBond is { } pb)
                throw Error($"two bond symbols in a row: '{pb.Symbol}' at position {pb.Pos} and '{c}' at position {_pos}", _pos);
            _pendingBond = (c, _pos);
            _pos++;
        }

        private void RingClosure()
        {
            int start = _pos;
            if (_prev < 0) throw Error($"ring-closure number at position {start} must follow an atom", start);
            int number;
            if (s[_pos] == '%')
            {
                if (_pos + 2 >= s.Length || !char.IsAsciiDigit(s[_pos + 1]) || !char.IsAsciiDigit(s[_pos + 2]))
                    throw Error($"'%' at position {start} must be followed by two digits", start);
                number = (s[_pos + 1] - '0') * 10 + (s[_pos + 2] - '0');
                _pos += 3;
            }
            else
            {
                number = s[_pos] - '0';
                _pos++;
            }
            var symbol = _pendingBond;
            _pendingBond = null;
            if (_rings.Remove(number, out var open))
            {
                if (open.Atom == _prev)
                    throw Error($"ring closure {RingLabel(number)} at position {start} bonds the atom to itself", start);
                if (_bonded.Contains(Key(open.Atom, _prev)))
                    throw Error($"ring closure {RingLabel(number)} at position {start} duplicates an existing bond (ring opened at position {open.Pos})", start);
                char? sym = open.Symbol;
                if (symbol is { } close)
                {
                    if (sym is { } openSym && openSym != close.Symbol && !(IsDirectional(openSym) && IsDirectional(close.Symbol)))
                        throw Error($"conflicting bond symbols for ring {RingLabel(number)}: '{openSym}' at position {open.SymbolPos} and '{close.Symbol}' at position {close.Pos}", close.Pos);
                    sym ??= close.Symbol;
                }
                AddBond(open.Atom, _prev, sym);
            }
            else
            {
                _rings[number] = (_prev, symbol?.Symbol, symbol?.Pos ?? -1, start);
            }
        }

        private static bool IsDirectional(char c) => c is '/' or '\\';

        private static (int, int) Key(int a, int b) => (Math.Min(a, b), Math.Max(a, b));

        private void AddAtom(Atom atom)
        {
            _atoms.Add(atom);
            int idx = _atoms.Count - 1;
            if (_prev >= 0)
            {
                AddBond(_prev, idx, _pendingBond?.Symbol);
                _pendingBond = null;
            }
            _prev = idx;
        }

        private void AddBond(int a, int b, char? symbol)
        {
            BondOrder order;
            var stereo = BondStereo.None;
            switch (symbol)
            {
                case null: order = _atoms[a].IsAromatic && _atoms[b].IsAromatic ? BondOrder.Aromatic : BondOrder.Single; break;
                case '-': order = BondOrder.Single; break;
                case '=': order = BondOrder.Double; break;
                case '#': order = BondOrder.Triple; break;
                case '$': order = BondOrder.Quadruple; break;
                case ':': order = BondOrder.Aromatic; break;
                case '/': order = BondOrder.Single; stereo = BondStereo.Up; break;
                case '\\': order = BondOrder.Single; stereo = BondStereo.Down; break;
                default: throw new InvalidOperationException($"unknown bond symbol {symbol}");
            }
            _bonded.Add(Key(a, b));
            _bonds.Add(new Bond(a, b, order, stereo, kekuleOrder: 0));
        }

        private bool TryReadOrganicAtom(out Atom atom)
        {
            int p = _pos;
            char c = s[p];
            string? symbol = null;
            bool aromatic = false;
            switch (c)
            {
                case 'C' when p + 1 < s.Length && s[p + 1] == 'l': symbol = "Cl"; break;
                case 'B' when p + 1 < s.Length && s[p + 1] == 'r': symbol = "Br"; break;
                case 'B' or 'C' or 'N' or 'O' or 'P' or 'S' or 'F' or 'I': symbol = c.ToString(); break;
                case 'b' or 'c' or 'n' or 'o' or 'p' or 's': symbol = char.ToUpperInvariant(c).ToString(); aromatic = true; break;
            }
            if (symbol is null)
            {
                atom = null!;
                if (char.IsAsciiLetter(c))
                    throw Error($"'{c}' at position {p} is not an organic-subset atom; write other elements in brackets, e.g. [{c}]", p);
                return false;
            }
            _pos += symbol.Length;
            atom = new Atom(Element.FromSymbol(symbol)) { IsAromatic = aromatic, SourcePosition = p };
            return true;
        }

        private Atom ReadBracketAtom()
        {
            int open = _pos;
            _pos++; // '['
            int isotope = 0;
            int isoStart = _pos;
            while (_pos < s.Length && char.IsAsciiDigit(s[_pos])) _pos++;
            if (_pos > isoStart)
            {
                if (_pos - isoStart > 4) throw Error($"isotope at position {isoStart} is too large", isoStart);
                isotope = int.Parse(s.AsSpan(isoStart, _pos - isoStart), CultureInfo.InvariantCulture);
                if (isotope == 0) throw Error($"isotope 0 at position {isoStart} is not a mass number", isoStart);
            }
            if (_pos >= s.Length) throw Error($"unclosed bracket atom '[' opened at position {open}", open);
            int symPos = _pos;
            var (element, aromatic) = ReadBracketSymbol(open);
            string? chirality = ReadChirality();
            int hcount = 0;
            if (_pos < s.Length && s[_pos] == 'H')
            {
                _pos++;
                hcount = 1;
                if (_pos < s.Length && char.IsAsciiDigit(s[_pos])) hcount = s[_pos++] - '0';
            }
            int charge = ReadCharge();
            int map = 0;
            if (_pos < s.Length && s[_pos] == ':')
            {
                int colon = _pos++;
                int start = _pos;
                while (_pos < s.Length && char.IsAsciiDigit(s[_pos])) _pos++;
                if (_pos == start) throw Error($"atom class ':' at position {colon} must be followed by digits", colon);
                if (_pos - start > 9) throw Error($"atom class at position {start} is too large", start);
                map = int.Parse(s.AsSpan(start, _pos - start), CultureInfo.InvariantCulture);
            }
            if (_pos >= s.Length) throw Error($"unclosed bracket atom '[' opened at position {open}", open);
            if (s[_pos] != ']')
                throw Error($"expected ']' at position {_pos} to close the bracket atom opened at position {open}, found '{s[_pos]}'", _pos);
            _pos++;
            return new Atom(element)
            {
                Isotope = isotope,
                FormalCharge = charge,
                ExplicitHydrogenCount = hcount,
                IsAromatic = aromatic,
                Chirality = chirality,
                AtomMap = map,
                IsBracketAtom = true,
                SourcePosition = open,
            };

            (Element, bool) ReadBracketSymbol(int openPos)
            {
                int p = _pos;
                char c = s[p];
                if (c == '*') throw Error($"the wildcard atom '*' at position {p} is not supported", p);
                if (char.IsAsciiLetterLower(c))
                {
                    foreach (var two in new[] { "se", "as", "te" })
                        if (string.CompareOrdinal(s, p, two, 0, 2) == 0)
                        {
                            _pos += 2;
                            return (Element.FromSymbol(char.ToUpperInvariant(two[0]) + two[1..]), true);
                        }
                    if (c is 'b' or 'c' or 'n' or 'o' or 'p' or 's')
                    {
                        _pos++;
                        return (Element.FromSymbol(char.ToUpperInvariant(c).ToString()), true);
                    }
                    throw Error($"unknown aromatic element '{c}' at position {p}", p);
                }
                if (!char.IsAsciiLetterUpper(c))
                    throw Error($"expected an element symbol at position {p} in the bracket atom opened at position {openPos}, found '{c}'", p);
                if (p + 1 < s.Length && char.IsAsciiLetterLower(s[p + 1]) && Element.TryFromSymbol(s.Substring(p, 2), out var e2))
                {
                    _pos += 2;
                    return (e2, false);
                }
                if (Element.TryFromSymbol(c.ToString(), out var e1))
                {
                    _pos++;
                    return (e1, false);
                }
                string shown = p + 1 < s.Length && char.IsAsciiLetterLower(s[p + 1]) ? s.Substring(p, 2) : c.ToString();
                throw Error($"unknown element '{shown}' at position {p}", p);
            }
        }

        private string? ReadChirality()
        {
            if (_pos >= s.Length || s[_pos] != '@') return null;
            int start = _pos++;
            if (_pos < s.Length && s[_pos] == '@')
            {
                _pos++;
                return "@@";
            }
            foreach (var (cls, max) in new[] { ("TH", 2), ("AL", 2), ("SP", 3), ("TB", 20), ("OH", 30) })
            {
                if (string.CompareOrdinal(s, _pos, cls, 0, 2) != 0) continue;
                _pos += 2;
                int numStart = _pos;
                while (_pos < s.Length && char.IsAsciiDigit(s[_pos]) && _pos - numStart < 2) _pos++;
                if (_pos == numStart) throw Error($"chirality class '@{cls}' at position {start} must be followed by a number", start);
                int k = int.Parse(s.AsSpan(numStart, _pos - numStart), CultureInfo.InvariantCulture);
                if (k < 1 || k > max) throw Error($"chirality '@{cls}{k}' at position {start} is out of range 1..{max}", start);
                return s[start.._pos];
            }
            return "@";
        }

        private int ReadCharge()
        {
            if (_pos >= s.Length || (s[_pos] != '+' && s[_pos] != '-')) return 0;
            char sign = s[_pos];
            int start = _pos++;
            int magnitude = 1;
            if (_pos < s.Length && char.IsAsciiDigit(s[_pos]))
            {
                int numStart = _pos;
                while (_pos < s.Length && char.IsAsciiDigit(s[_pos]) && _pos - numStart < 2) _pos++;
                magnitude = int.Parse(s.AsSpan(numStart, _pos - numStart), CultureInfo.InvariantCulture);
                if (magnitude > 15) throw Error($"charge at position {start} exceeds 15", start);
            }
            else
            {
                while (_pos < s.Length && s[_pos] == sign) { magnitude++; _pos++; }
                if (magnitude > 15) throw Error($"charge at position {start} exceeds 15", start);
            }
            return sign == '+' ? magnitude : -magnitude;
        }
    }
}
