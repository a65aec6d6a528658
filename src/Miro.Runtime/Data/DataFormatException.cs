using System;
using System.IO;

namespace Miro.Runtime.Data;

/// <summary>
/// A data file exists but is not what it claims to be (bad magic number, truncated, wrong shape).
/// The message names the file, what was found and what was expected.
/// </summary>
public sealed class DataFormatException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    /// <param name="path">The offending file.</param>
    /// <param name="problem">What is wrong and what was expected.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public DataFormatException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        FilePath = path;
    }

    /// <summary>The offending file.</summary>
    public string FilePath { get; }
}
