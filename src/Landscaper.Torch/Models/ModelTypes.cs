using System.Reflection;
using System.Runtime.Loader;
using Landscaper.Native;
using static TorchSharp.torch;

namespace Landscaper.Models;

/// <summary>
/// Creates a module from a type name in a researcher's assembly: <c>"Namespace.Type, path/to/Assembly.dll"</c> (a path
/// relative to the current folder or absolute), or <c>"Namespace.Type, AssemblyName"</c> for an assembly already
/// loaded. The type must be either an <c>nn.Module&lt;Tensor, Tensor&gt;</c> with a public parameterless constructor,
/// or an <see cref="IModelFactory"/> with one. The assembly is loaded into the default load context, so it shares this
/// process's TorchSharp.
/// </summary>
public static class ModelTypes
{
    /// <summary>A new instance of the module named by <paramref name="spec"/>.</summary>
    /// <exception cref="ArgumentException">A malformed spec, a missing assembly or type, or a type that follows neither
    /// convention; the message names the spec and what to do.</exception>
    public static nn.Module<Tensor, Tensor> Create(string spec)
    {
        var type = Resolve(spec);
        TorchNative.EnsureLoaded();
        object instance;
        try { instance = Activator.CreateInstance(type)!; }
        catch (TargetInvocationException ex) { throw new ArgumentException($"--model-type '{spec}': the constructor of {type.FullName} threw {ex.InnerException?.GetType().Name}: {ex.InnerException?.Message}", nameof(spec), ex); }
        return instance switch
        {
            nn.Module<Tensor, Tensor> module => module,
            IModelFactory factory => factory.Create() ?? throw new ArgumentException($"--model-type '{spec}': {type.FullName}.Create() returned null.", nameof(spec)),
            _ => throw new ArgumentException($"--model-type '{spec}': {type.FullName} is neither an nn.Module<Tensor, Tensor> nor an IModelFactory.", nameof(spec)),
        };
    }

    /// <summary>The type named by <paramref name="spec"/>, checked against the conventions (without creating it).</summary>
    /// <exception cref="ArgumentException">See <see cref="Create"/>.</exception>
    public static Type Resolve(string spec)
    {
        if (string.IsNullOrWhiteSpace(spec) || spec.IndexOf(',') is int comma && comma <= 0 || comma == spec.Length - 1)
            throw new ArgumentException($"--model-type '{spec}' is not of the form \"Namespace.Type, Assembly.dll\".", nameof(spec));
        string typeName = spec[..comma].Trim(), assemblyPart = spec[(comma + 1)..].Trim();
        Assembly assembly;
        if (assemblyPart.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || assemblyPart.Contains('/') || assemblyPart.Contains('\\'))
        {
            string full = Path.GetFullPath(assemblyPart);
            if (!File.Exists(full)) throw new ArgumentException($"--model-type: the assembly '{full}' does not exist; give the path of the DLL that holds {typeName}.", nameof(spec));
            try { assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(full); }
            catch (BadImageFormatException ex) { throw new ArgumentException($"--model-type: '{full}' is not a .NET assembly.", nameof(spec), ex); }
            // The user's assembly may reference others beside it (its own dependencies).
            string folder = Path.GetDirectoryName(full)!;
            AssemblyLoadContext.Default.Resolving += (context, name) =>
                File.Exists(Path.Combine(folder, name.Name + ".dll")) ? context.LoadFromAssemblyPath(Path.Combine(folder, name.Name + ".dll")) : null;
        }
        else
        {
            assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == assemblyPart)
                ?? throw new ArgumentException($"--model-type: no loaded assembly is called '{assemblyPart}'; give the path of its DLL instead.", nameof(spec));
        }
        var type = assembly.GetType(typeName, throwOnError: false)
            ?? throw new ArgumentException($"--model-type: {assembly.GetName().Name} has no type '{typeName}' (use the full name with its namespace).", nameof(spec));
        if (!typeof(nn.Module<Tensor, Tensor>).IsAssignableFrom(type) && !typeof(IModelFactory).IsAssignableFrom(type))
            throw new ArgumentException($"--model-type: {type.FullName} is neither an nn.Module<Tensor, Tensor> nor an IModelFactory (see docs/own-models.md).", nameof(spec));
        if (type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
            throw new ArgumentException($"--model-type: {type.FullName} needs a public parameterless constructor (or implement IModelFactory).", nameof(spec));
        return type;
    }
}
