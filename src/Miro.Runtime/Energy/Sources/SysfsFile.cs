using System;
using System.Globalization;
using System.IO;

namespace Miro.Runtime.Energy.Sources;

/// <summary>Reads the one-value text files of sysfs and procfs, turning every failure into an
/// <see cref="IOException"/> that names the file.</summary>
internal static class SysfsFile
{
    /// <summary>Reads an integer file such as <c>energy_uj</c>. Allocation-free apart from the file handle: the
    /// sampling thread calls it ten times a second per channel.</summary>
    public static long ReadLong(string path)
    {
        Span<byte> buffer = stackalloc byte[64];
        int length;
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            length = RandomAccess.Read(handle, buffer, 0);
        }
        catch (UnauthorizedAccessException e)
        {
            throw PermissionDenied(path, e);
        }
        catch (IOException e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Disappeared(path, e);
        }

        var text = buffer[..length].Trim(" \t\r\n"u8);
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw new IOException($"{path}: expected an integer, found '{Shorten(System.Text.Encoding.UTF8.GetString(text))}'.");
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
            throw PermissionDenied(path, e);
        }
        catch (IOException e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Disappeared(path, e);
        }
    }

    private static IOException PermissionDenied(string path, Exception inner) =>
        new($"{path}: permission denied. Make it readable by this user (e.g. a udev rule or `sudo chmod o+r {path}`), or set `meter model` in the device block.", inner);

    private static IOException Disappeared(string path, Exception inner) =>
        new($"{path}: the file has disappeared (sensor driver unloaded?).", inner);

    /// <summary>Reads an integer file when it exists; null when it does not.</summary>
    public static long? ReadLongIfExists(string path) => File.Exists(path) ? ReadLong(path) : null;

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
