namespace Miro.Generators.Model;

/// <summary>
/// One line of a policy block, classified by the block it sits in, so generated members can quote
/// the spec line they came from.
/// </summary>
/// <param name="Block">The top-level block inside the policy (<c>device</c>, <c>memory</c>, <c>tune</c>, <c>when</c>, ...), or <c>policy</c> for the header line.</param>
/// <param name="Line">0-based line number in the file.</param>
/// <param name="StartColumn">0-based column of the first non-blank character.</param>
/// <param name="Start">Character offset of the first non-blank character.</param>
/// <param name="Text">The line without comments and surrounding blanks.</param>
internal sealed record SourceLine(string Block, int Line, int StartColumn, int Start, string Text);
