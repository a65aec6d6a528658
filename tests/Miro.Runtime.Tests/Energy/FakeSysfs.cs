using System;
using System.Globalization;
using System.IO;

namespace Miro.Runtime.Tests.Energy;

/// <summary>A temporary directory that stands for <c>/</c>, with sysfs-style one-value files.</summary>
internal sealed class FakeSysfs : IDisposable
{
    public FakeSysfs()
    {
        Root = Path.Combine(Path.GetTempPath(), "miro-sysfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public FakeSysfs Write(string relative, string content)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content + "\n");
        return this;
    }

    public FakeSysfs Write(string relative, long value) => Write(relative, value.ToString(CultureInfo.InvariantCulture));

    public void Delete(string relative) => File.Delete(PathOf(relative));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
    }
}
