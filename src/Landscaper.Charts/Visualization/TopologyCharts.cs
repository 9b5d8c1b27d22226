using System.Globalization;
using Landscaper.Topology;
using Plotly.NET;
using Landscaper.Metrics;

namespace Landscaper.Visualization;

/// <summary>Charts of topological results: persistence barcode and diagram, merge tree, topological landscape profile and
/// basin map.</summary>
public static class TopologyCharts
{
    /// <summary>Qualitative palette used for basins and profile regions (cycled).</summary>
    public static IReadOnlyList<string> Palette { get; } =
    [
        "#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#eeca3b", "#b279a2", "#ff9da6", "#9d755d", "#bab0ac",
        "#1f77b4", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#17becf",
    ];

    /// <summary>The persistence barcode of one diagram: one horizontal bar per pair from birth to death value, longest
    /// at the bottom; the essential bar (the global extremum) is drawn dashed and labelled.</summary>
    /// <param name="diagram">A persistence diagram.</param>
    /// <param name="quantity">Name of the value axis (e.g. "loss").</param>
    /// <param name="title">Chart title; null = "Persistence barcode (minima|maxima)".</param>
    public static GenericChart Barcode(PersistenceDiagram diagram, string quantity = "loss", string? title = null)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        var ordered = diagram.Pairs.OrderByDescending(p => p.IsEssential).ThenByDescending(p => p.Persistence).ToArray();
        var finite = new List<double?>(); var finiteY = new List<double?>(); var hover = new List<string?>();
        var essential = new List<double?>(); var essentialY = new List<double?>();
        for (int k = 0; k < ordered.Length; k++)
        {
            var p = ordered[k];
            var (xs, ys) = p.IsEssential ? (essential, essentialY) : (finite, finiteY);
            xs.AddRange([p.BirthValue, p.DeathValue, null]);
            ys.AddRange([k, k, null]);
            if (!p.IsEssential) hover.AddRange([Describe(p), Describe(p), null]);
        }
        string kind = diagram.Filtration == Filtration.Sublevel ? "minima" : "maxima";
        var traces = new List<Trace>
        {
            PlotlyFigure.Trace2D("scatter", new Dictionary<string, object?>
            {
                ["x"] = finite, ["y"] = finiteY, ["mode"] = "lines", ["name"] = $"{kind} (finite)",
                ["line"] = new Dictionary<string, object?> { ["width"] = 4, ["color"] = Palette[0] },
                ["text"] = hover, ["hoverinfo"] = "text",
            }),
        };
        if (essential.Count > 0)
            traces.Add(PlotlyFigure.Trace2D("scatter", new Dictionary<string, object?>
            {
                ["x"] = essential, ["y"] = essentialY, ["mode"] = "lines", ["name"] = "essential (global extremum)",
                ["line"] = new Dictionary<string, object?> { ["width"] = 4, ["dash"] = "dash", ["color"] = Palette[3] },
            }));
        return PlotlyFigure.Chart(traces, new Dictionary<string, object?>
        {
            ["title"] = PlotlyFigure.Title(title ?? $"Persistence barcode ({kind}, {ordered.Length} bars)"),
            ["xaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title($"{quantity} (birth → death)") },
            ["yaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title("bar (by persistence)"), ["showticklabels"] = false },
        });
    }

    /// <summary>The persistence diagram of minima (sublevel: points above the diagonal) and, when given, maxima
    /// (superlevel: below it), with the diagonal birth = death. The essential pairs are drawn as diamonds.</summary>
    /// <param name="minima">Sublevel diagram.</param>
    /// <param name="maxima">Superlevel diagram, or null.</param>
    /// <param name="quantity">Name of the value (e.g. "loss").</param>
    /// <param name="title">Chart title.</param>
    public static GenericChart PersistenceDiagram(PersistenceDiagram minima, PersistenceDiagram? maxima = null, string quantity = "loss", string? title = null)
    {
        ArgumentNullException.ThrowIfNull(minima);
        var all = minima.Pairs.Concat(maxima?.Pairs ?? []).ToArray();
        double lo = all.Length == 0 ? 0 : all.Min(p => Math.Min(p.BirthValue, p.DeathValue));
        double hi = all.Length == 0 ? 1 : all.Max(p => Math.Max(p.BirthValue, p.DeathValue));
        double pad = 0.05 * Math.Max(hi - lo, 1e-12);
        var traces = new List<Trace>
        {
            PlotlyFigure.Trace2D("scatter", new Dictionary<string, object?>
            {
                ["x"] = new[] { lo - pad, hi + pad }, ["y"] = new[] { lo - pad, hi + pad }, ["mode"] = "lines", ["name"] = "birth = death",
                ["line"] = new Dictionary<string, object?> { ["color"] = "#888", ["dash"] = "dot", ["width"] = 1 }, ["hoverinfo"] = "skip",
            }),
        };
        void Add(PersistenceDiagram d, string name, string colour)
        {
            foreach (bool essential in new[] { false, true })
            {
                var pairs = d.Pairs.Where(p => p.IsEssential == essential).ToArray();
                if (pairs.Length == 0) continue;
                traces.Add(PlotlyFigure.Trace2D("scatter", new Dictionary<string, object?>
                {
                    ["x"] = pairs.Select(p => p.BirthValue).ToArray(),
                    ["y"] = pairs.Select(p => p.DeathValue).ToArray(),
                    ["mode"] = "markers",
                    ["name"] = essential ? $"{name} (essential)" : $"{name} ({pairs.Length})",
                    ["text"] = pairs.Select(Describe).ToArray(), ["hoverinfo"] = "text",
                    ["marker"] = new Dictionary<string, object?> { ["color"] = colour, ["size"] = essential ? 12 : 8, ["symbol"] = essential ? "diamond" : "circle" },
                }));
            }
        }
        Add(minima, "minima", Palette[0]);
        if (maxima is not null) Add(maxima, "maxima", Palette[1]);
        return PlotlyFigure.Chart(traces, new Dictionary<string, object?>
        {
            ["title"] = PlotlyFigure.Title(title ?? "Persistence diagram"),
            ["xaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title($"birth ({quantity})") },
            ["yaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title($"death ({quantity})"), ["scaleanchor"] = "x" },
        });
    }

    /// <summary>Both persistence diagrams of an analysis (minima above, maxima below the diagonal).</summary>
    public static GenericChart PersistenceDiagram(TopologyAnalysis analysis, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return PersistenceDiagram(analysis.MinimumDiagram, analysis.MaximumDiagram, AxisLabels.Quantity(analysis.Landscape),
            AxisLabels.Title(title, "Persistence diagram", analysis.Landscape));
    }

    /// <summary>Draws a merge tree: node height = value, horizontal position from <see cref="MergeTreeLayout"/> (leaves in
    /// in-order traversal with the elder branch first, parents centred over their children), arcs as elbows.</summary>
    /// <param name="tree">The tree (simplify it first with <see cref="MergeTree.Simplify"/> to hide low-persistence branches).</param>
    /// <param name="quantity">Name of the value axis.</param>
    /// <param name="title">Chart title.</param>
    public static GenericChart MergeTree(MergeTree tree, string quantity = "loss", string? title = null)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var layout = MergeTreeLayout.Of(tree);
        var nodes = tree.Nodes;
        var ex = new List<double?>(); var ey = new List<double?>();
        foreach (var node in nodes)
        {
            if (node.Parent < 0) continue;
            ex.AddRange([layout.X[node.Id], layout.X[node.Id], layout.X[node.Parent], null]);
            ey.AddRange([node.Value, nodes[node.Parent].Value, nodes[node.Parent].Value, null]);
        }
        var traces = new List<Trace>
        {
            PlotlyFigure.Trace2D("scatter", new Dictionary<string, object?>
            {
                ["x"] = ex, ["y"] = ey, ["mode"] = "lines", ["name"] = "arcs", ["hoverinfo"] = "skip",
                ["line"] = new Dictionary<string, object?> { ["color"] = "#555", ["width"] = 2 },
            }),
        };
        void Add(IEnumerable<MergeTreeNode> group, string name, string colour, string symbol)
        {
            var g = group.ToArray();
            if (g.Length == 0) return;
            traces.Add(PlotlyFigure.Trace2D("scatter", new Dictionary<string, object?>
            {
                ["x"] = g.Select(n => layout.X[n.Id]).ToArray(), ["y"] = g.Select(n => n.Value).ToArray(), ["mode"] = "markers",
                ["name"] = $"{name} ({g.Length})",
                ["text"] = g.Select(n => string.Create(CultureInfo.InvariantCulture, $"{n.Kind} #{n.Id}: {quantity} {n.Value:G6}, point {n.Point}")).ToArray(),
                ["hoverinfo"] = "text",
                ["marker"] = new Dictionary<string, object?> { ["color"] = colour, ["size"] = 9, ["symbol"] = symbol },
            }));
        }
        string leafName = tree.Filtration == Filtration.Sublevel ? "minima" : "maxima";
        Add(nodes.Where(n => n.IsLeaf), leafName, Palette[0], "circle");
        Add(nodes.Where(n => n.Kind == MergeTreeNodeKind.Saddle), "saddles", Palette[3], "diamond");
        Add(nodes.Where(n => n.Kind == MergeTreeNodeKind.Root), "root", "#222", "square");
        string filtration = tree.Filtration == Filtration.Sublevel ? "sublevel" : "superlevel";
        return PlotlyFigure.Chart(traces, new Dictionary<string, object?>
        {
            ["title"] = PlotlyFigure.Title(title ?? $"Merge tree ({filtration}: {tree.LeafCount} {leafName}, {tree.SaddleCount} saddles)"),
            ["xaxis"] = new Dictionary<string, object?>
            {
                ["title"] = PlotlyFigure.Title($"{leafName} (in-order, elder branch first)"), ["showticklabels"] = false, ["zeroline"] = false, ["showgrid"] = false,
            },
            ["yaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title(quantity) },
        });
    }

    /// <summary>The topological landscape profile: each branch of the merge hierarchy is a filled region whose height runs
    /// from its minimum to its merge saddle and whose width is the size of its sublevel component (grid points) at each
    /// level; children sit nested beside their parent (see <see cref="TopologicalProfile"/>).</summary>
    /// <param name="profile">Profile data.</param>
    /// <param name="persistenceThreshold">Only branches at least this persistent are drawn (branch 0 always).</param>
    /// <param name="quantity">Name of the value axis.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="maxSamplesPerBranch">Each branch's width staircase is thinned to at most this many steps (evenly spaced
    /// samples, the last one always kept; widths only grow with the level, so the outline keeps its shape) — a branch
    /// of a big grid has up to one step per grid point.</param>
    /// <exception cref="ArgumentException"><paramref name="persistenceThreshold"/> is negative or NaN, or
    /// <paramref name="maxSamplesPerBranch"/> &lt; 2.</exception>
    public static GenericChart Profile(TopologicalProfile profile, double persistenceThreshold = 0, string quantity = "loss", string? title = null,
        int maxSamplesPerBranch = 400)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!(persistenceThreshold >= 0))
            throw new ArgumentException($"persistenceThreshold must be ≥ 0 (got {persistenceThreshold}).", nameof(persistenceThreshold));
        if (maxSamplesPerBranch < 2)
            throw new ArgumentException($"maxSamplesPerBranch must be ≥ 2 (got {maxSamplesPerBranch}).", nameof(maxSamplesPerBranch));
        var branches = profile.Persistent(persistenceThreshold).Select(b => Thin(b, maxSamplesPerBranch)).ToArray();
        var depth = new Dictionary<int, int>();
        int Depth(ProfileBranch b) => b.Parent < 0 ? 0 : depth.TryGetValue(b.Id, out int d) ? d : depth[b.Id] = Depth(profile.Branches[b.Parent]) + 1;
        var traces = new List<Trace>();
        foreach (var b in branches)
        {
            var outline = b.Outline();
            traces.Add(PlotlyFigure.Trace2D("scatter", new Dictionary<string, object?>
            {
                ["x"] = outline.Select(p => p.X).Append(outline[0].X).ToArray(),
                ["y"] = outline.Select(p => p.Y).Append(outline[0].Y).ToArray(),
                ["mode"] = "lines", ["fill"] = "toself", ["fillcolor"] = Palette[Depth(b) % Palette.Count],
                ["opacity"] = 0.85,
                ["line"] = new Dictionary<string, object?> { ["color"] = "#333", ["width"] = 1 },
                ["name"] = string.Create(CultureInfo.InvariantCulture, $"branch {b.Id} (persistence {b.Persistence:G3})"),
                ["showlegend"] = branches.Length <= 12,
                ["hoverinfo"] = "name",
            }));
        }
        return PlotlyFigure.Chart(traces, new Dictionary<string, object?>
        {
            ["title"] = PlotlyFigure.Title(title ?? $"Topological landscape profile ({branches.Length} of {profile.Branches.Count} branches)"),
            ["xaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title("width: grid points in the sublevel component") },
            ["yaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title(quantity) },
        });
    }

    /// <summary>The contour tree drawn over the landscape: each node at (its point's coordinate on
    /// <paramref name="axis"/>, its value), arcs as straight segments, markers by kind (minima, maxima, join, split and
    /// join-split saddles). Where the merge tree records only how sublevel sets join, the contour tree also shows where
    /// level sets split on the way up.</summary>
    /// <param name="landscape">The landscape the tree was built from.</param>
    /// <param name="tree">Its contour tree (<c>ContourTree.Build</c>, Freudenthal connectivity).</param>
    /// <param name="axis">The grid axis used for the horizontal position.</param>
    /// <param name="title">Chart title.</param>
    /// <exception cref="ArgumentException">The tree's points do not fit the landscape, or the axis is out of range.</exception>
    public static GenericChart ContourTree(Landscape landscape, ContourTree tree, int axis = 0, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(landscape);
        ArgumentNullException.ThrowIfNull(tree);
        if (axis < 0 || axis >= landscape.Dimensions) throw new ArgumentException($"Axis {axis} is outside [0, {landscape.Dimensions}).", nameof(axis));
        if (tree.Nodes.Any(n => n.Point < 0 || n.Point >= landscape.Count)) throw new ArgumentException("The tree's points are not points of this landscape.", nameof(tree));
        double X(int point) => landscape.Coordinates(axis)[landscape.GridIndex(point)[axis]];
        var xs = new List<double?>();
        var ys = new List<double?>();
        foreach (var arc in tree.Arcs)
        {
            var lo = tree.Nodes[arc.Lower];
            var hi = tree.Nodes[arc.Upper];
            xs.AddRange([X(lo.Point), X(hi.Point), null]);
            ys.AddRange([lo.Value, hi.Value, null]);
        }
        var traces = new List<Trace>
        {
            PlotlyFigure.Trace2D("scatter", new Dictionary<string, object?>
            {
                ["x"] = xs.ToArray(), ["y"] = ys.ToArray(), ["mode"] = "lines", ["name"] = $"arcs ({tree.Arcs.Count})",
                ["line"] = new Dictionary<string, object?> { ["color"] = "#888", ["width"] = 1.5 }, ["hoverinfo"] = "skip",
            }),
        };
        var kinds = new (ContourTreeNodeKind Kind, string Name, string Symbol, int Colour)[]
        {
            (ContourTreeNodeKind.Minimum, "minima", "circle", 0), (ContourTreeNodeKind.Maximum, "maxima", "triangle-up", 3),
            (ContourTreeNodeKind.JoinSaddle, "join saddles", "diamond", 1), (ContourTreeNodeKind.SplitSaddle, "split saddles", "diamond-open", 2),
            (ContourTreeNodeKind.JoinSplitSaddle, "join-split saddles", "x", 4),
        };
        foreach (var (kind, name, symbol, colour) in kinds)
        {
            var nodes = tree.Nodes.Where(n => n.Kind == kind).ToArray();
            if (nodes.Length == 0) continue;
            traces.Add(PlotlyFigure.Trace2D("scatter", new Dictionary<string, object?>
            {
                ["x"] = nodes.Select(n => X(n.Point)).ToArray(), ["y"] = nodes.Select(n => n.Value).ToArray(), ["mode"] = "markers",
                ["name"] = $"{name} ({nodes.Length})", ["text"] = nodes.Select(n => $"point {n.Point}: {n.Value:G5}").ToArray(), ["hoverinfo"] = "text",
                ["marker"] = new Dictionary<string, object?> { ["symbol"] = symbol, ["size"] = 9, ["color"] = Palette[colour % Palette.Count] },
            }));
        }
        string axisName = landscape.Metadata.DirectionNames is { } names && names.Count > axis ? names[axis] : $"axis {axis}";
        return PlotlyFigure.Chart(traces, new Dictionary<string, object?>
        {
            ["title"] = PlotlyFigure.Title(title ?? $"Contour tree ({tree.Nodes.Count} nodes, {tree.Arcs.Count} arcs)"),
            ["xaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title($"{axisName} of the node's point") },
            ["yaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title(string.IsNullOrEmpty(landscape.Metadata.Quantity) ? "value" : landscape.Metadata.Quantity) },
        });
    }

    /// <summary>Basin map of a 2-D landscape: every grid point coloured by its steepest-descent basin, contour lines of the
    /// landscape on top and the minima marked.</summary>
    /// <param name="landscape">A 2-D landscape.</param>
    /// <param name="basins">Basins of that landscape (e.g. <see cref="TopologyAnalysis.UnstableManifolds"/>).</param>
    /// <param name="levels">Approximate number of contour lines.</param>
    /// <param name="title">Chart title.</param>
    /// <exception cref="ArgumentException">The landscape is not 2-D or the basins label a different number of points.</exception>
    public static GenericChart BasinMap(Landscape landscape, Basins basins, int levels = 15, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(landscape);
        ArgumentNullException.ThrowIfNull(basins);
        if (landscape.Dimensions != 2)
            throw new ArgumentException($"A basin map needs a 2-D landscape; this one has {landscape.Dimensions} dimensions.", nameof(landscape));
        if (basins.Labels.Length != landscape.Count)
            throw new ArgumentException($"The basins label {basins.Labels.Length} points; the landscape has {landscape.Count}.", nameof(basins));
        int rows = landscape.Shape[0], cols = landscape.Shape[1];
        int colours = Math.Min(basins.Count, Palette.Count);
        var labels = basins.Labels;
        var z = new int[rows][];
        for (int i = 0; i < rows; i++)
        {
            z[i] = new int[cols];
            for (int j = 0; j < cols; j++) z[i][j] = labels[i * cols + j] % colours;
        }
        // A stepped colour scale: colour index c covers [c/colours, (c+1)/colours].
        var scale = new List<object[]>();
        for (int c = 0; c < colours; c++)
        {
            scale.Add([(double)c / colours, Palette[c]]);
            scale.Add([(double)(c + 1) / colours, Palette[c]]);
        }
        var x = landscape.Coordinates(1).ToArray();
        var y = landscape.Coordinates(0).ToArray();
        var grid = LandscapeCharts.Grid(landscape);
        var minima = basins.Extrema.Select(landscape.GridIndex).ToArray();
        var traces = new List<Trace>
        {
            PlotlyFigure.Trace2D("heatmap", new Dictionary<string, object?>
            {
                ["x"] = x, ["y"] = y, ["z"] = z, ["colorscale"] = scale, ["zmin"] = -0.5, ["zmax"] = colours - 0.5,
                ["showscale"] = false, ["name"] = "basin", ["opacity"] = 0.75,
                ["hovertemplate"] = "basin colour %{z}<extra></extra>",
            }),
            PlotlyFigure.Trace2D("contour", new Dictionary<string, object?>
            {
                ["x"] = x, ["y"] = y, ["z"] = grid, ["ncontours"] = levels, ["showscale"] = false, ["name"] = AxisLabels.Quantity(landscape),
                ["contours"] = new Dictionary<string, object?> { ["coloring"] = "none" },
                ["line"] = new Dictionary<string, object?> { ["color"] = "#222", ["width"] = 1 },
            }),
            PlotlyFigure.Trace2D("scatter", new Dictionary<string, object?>
            {
                ["x"] = minima.Select(g => x[g[1]]).ToArray(), ["y"] = minima.Select(g => y[g[0]]).ToArray(), ["mode"] = "markers",
                ["name"] = $"minima ({basins.Count})",
                ["text"] = basins.Extrema.Select((p, b) => string.Create(CultureInfo.InvariantCulture,
                    $"basin {b}: {landscape.Values[p]:G6}, {basins.Sizes[b]} points")).ToArray(),
                ["hoverinfo"] = "text",
                ["marker"] = new Dictionary<string, object?> { ["color"] = "white", ["size"] = 9, ["symbol"] = "x",
                    ["line"] = new Dictionary<string, object?> { ["color"] = "black", ["width"] = 1 } },
            }),
        };
        return PlotlyFigure.Chart(traces, new Dictionary<string, object?>
        {
            ["title"] = PlotlyFigure.Title(AxisLabels.Title(title, $"Basins ({basins.Count})", landscape)),
            ["xaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title(AxisLabels.Direction(landscape, 1, null)) },
            ["yaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title(AxisLabels.Direction(landscape, 0, null)) },
        });
    }

    /// <summary>Basin map of the descending basins of an analysed 2-D landscape.</summary>
    /// <exception cref="ArgumentException">The landscape is not 2-D.</exception>
    public static GenericChart BasinMap(TopologyAnalysis analysis, int levels = 15, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return BasinMap(analysis.Landscape, analysis.UnstableManifolds, levels, title);
    }

    private static ProfileBranch Thin(ProfileBranch branch, int max)
    {
        int n = branch.Samples.Count;
        if (n <= max) return branch;
        var kept = new ProfileSample[max];
        for (int k = 0; k < max; k++) kept[k] = branch.Samples[(int)((long)k * (n - 1) / (max - 1))];
        return branch with { Samples = kept };
    }

    private static string Describe(PersistencePair p) => string.Create(CultureInfo.InvariantCulture,
        $"birth {p.BirthValue:G5} (point {p.Birth}) → death {p.DeathValue:G5} (point {p.Death}); persistence {p.Persistence:G4}{(p.IsEssential ? ", essential" : "")}");
}
