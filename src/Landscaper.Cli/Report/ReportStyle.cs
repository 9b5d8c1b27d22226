namespace Landscaper.Cli.Report;

/// <summary>The one stylesheet of the report's pages (inlined: the report is a folder of static files).</summary>
internal static class ReportStyle
{
    public const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1d1d1f; background: #fff; }
        main { max-width: 1100px; margin: 0 auto; padding: 1.5rem; }
        h1 { font-size: 1.7rem; } h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid #ddd; } h3 { font-size: 1.1rem; }
        table { border-collapse: collapse; margin: .6rem 0; font-size: .92rem; }
        th, td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: left; vertical-align: top; }
        th { background: #f3f3f3; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        pre { background: #f6f8fa; padding: .5rem; overflow-x: auto; font-size: .85rem; margin: .3rem 0; }
        pre.out { background: #fff; border-left: 3px solid #ccc; }
        pre.err, .failed { color: #b00020; }
        .ok { color: #1a7f37; }
        .in { display: flex; gap: .5rem; } .in .n { color: #888; font-family: monospace; padding-top: .5rem; } .in pre { flex: 1; }
        .cell { margin: .8rem 0; } .nav { font-size: .9rem; }
        .figure { border: 1px solid #eee; margin: .6rem 0; min-height: 420px; }
        .claims li { margin: .1rem 0; } .claims li::marker { content: "✓ "; color: #1a7f37; }
        details { margin: .4rem 0; } summary { cursor: pointer; }
        """;
}
