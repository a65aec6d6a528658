using System;
using System.Threading;
using Miro.Dsl;
using Miro.Dsl.Model;
using Miro.Generators.Model;

namespace Miro.Generators;

/// <summary>
/// The pipeline's parse-and-bind step: one <see cref="MiroSourceFile"/> in, one equatable
/// <see cref="SpecFileResult"/> out. Never throws (except for cancellation): an unexpected
/// exception becomes <c>MIRO3001</c>.
/// </summary>
internal static class SpecFileCompiler
{
    /// <summary>Parses and binds <paramref name="file"/> with Miro.Dsl.</summary>
    public static SpecFileResult Compile(MiroSourceFile file, CancellationToken cancellationToken)
    {
        var fileName = FileNameOf(file.Path);
        if (file.Text is null)
        {
            return new SpecFileResult(file.Path, fileName, EquatableArray<PolicyModel>.Empty, EquatableArray.Create(
                GeneratorDiagnostics.Create(GeneratorDiagnostics.UnreadableFile, LocationInfo.StartOf(file.Path), file.Path)));
        }

        try
        {
            var result = MiroCompiler.Compile(file.Text, file.Path);
            cancellationToken.ThrowIfCancellationRequested();

            var diagnostics = new DiagnosticInfo[result.Diagnostics.Count];
            for (var i = 0; i < diagnostics.Length; i++)
                diagnostics[i] = GeneratorDiagnostics.FromLanguage(result.Diagnostics[i], file.Path);

            // A file with errors emits nothing: half a set of policies would only add C# errors
            // on top of the spec errors that explain them.
            if (result.HasErrors || result.Policies.Count == 0)
                return new SpecFileResult(file.Path, fileName, EquatableArray<PolicyModel>.Empty, new EquatableArray<DiagnosticInfo>(diagnostics));

            var policies = new PolicyModel[result.Policies.Count];
            for (var i = 0; i < policies.Length; i++)
                policies[i] = new PolicyModel(result.Policies[i], result.Sources[i]);

            return new SpecFileResult(file.Path, fileName, new EquatableArray<PolicyModel>(policies), new EquatableArray<DiagnosticInfo>(diagnostics));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new SpecFileResult(file.Path, fileName, EquatableArray<PolicyModel>.Empty, EquatableArray.Create(
                GeneratorDiagnostics.Create(GeneratorDiagnostics.InternalError, LocationInfo.StartOf(file.Path), ex.GetType().Name + ": " + ex.Message)));
        }
    }

    private static string FileNameOf(string path)
    {
        var slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return slash < 0 ? path : path.Substring(slash + 1);
    }
}
