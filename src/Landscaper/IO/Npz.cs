namespace Landscaper.IO;

/// <summary>PLACEHOLDER for the .npz reader being written on the <c>npz</c> branch; replaced at merge.
/// It exists only so that the <c>analyze</c> command compiles on the <c>topology</c> branch.</summary>
public static class Npz
{
    /// <summary>Reads a landscape (<c>loss</c>, <c>coordinates</c>) from an .npz file. Not implemented on this branch.</summary>
    /// <exception cref="NotImplementedException">Always, until the npz branch is merged.</exception>
    public static Landscape ReadLandscape(string path) => throw new NotImplementedException("Npz.ReadLandscape comes from the npz branch.");
}
