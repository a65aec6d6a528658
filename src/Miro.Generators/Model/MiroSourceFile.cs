namespace Miro.Generators.Model;

/// <summary>A <c>.miro</c> file as the pipeline's first step sees it: its path and its text (null when unreadable).</summary>
internal sealed record MiroSourceFile(string Path, string? Text);
