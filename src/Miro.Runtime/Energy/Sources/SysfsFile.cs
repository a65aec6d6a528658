using System;
using System.Globalization;
using System.IO;

namespace Miro.Runtime.Energy.Sources;

/// <summary>Reads the one-value text files of sysfs and procfs, turning every failure into an
/// <see cref="IOException"/> that names the file.</summary>
internal static class SysfsFile
{
    /// <summary>Reads an integer file such as <c>energy_uj</c>.</summary>
    public static long ReadLong(string path)
    {
        var text = ReadText(path);
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw new IOException($"{path}: expected an integer, found '{Shorten(text)}'.");
        return value;
    }

    /// <summary>Reads a text file such as <c>name</c> or <c>in1_label</c>, trimmed.</summary>
    public static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IOException($"{path}: permission denied. Make it readable by this user (e.g. a udev rule or `sudo chmod o+r {path}`), or set `meter model` in the device block.", e);
        }
        catch (IOException e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new IOException($"{path}: the file has disappeared (sensor driver unloaded?).", e);
        }
    }

    /// <summary>Reads an integer file when it exists; null when it does not.</summary>
    public static long? ReadLongIfExists(string path) => File.Exists(path) ? ReadLong(path) : null;

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
