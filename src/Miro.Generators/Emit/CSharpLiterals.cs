using System;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Miro.Generators.Emit;

/// <summary>C# source text for literal values: exact for doubles, escaped for strings, qualified for enums.</summary>
internal static class CSharpLiterals
{
    /// <summary>
    /// A double literal that parses back to the same bits: the shortest round-trip form ("R"),
    /// with <c>.0</c> added to integral values so the literal is a double, and named constants
    /// for values C# has no literal for.
    /// </summary>
    public static string Double(double value)
    {
        if (double.IsNaN(value)) return "double.NaN";
        if (double.IsPositiveInfinity(value)) return "double.PositiveInfinity";
        if (double.IsNegativeInfinity(value)) return "double.NegativeInfinity";
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.IndexOfAny(new[] { '.', 'E', 'e' }) < 0 ? text + ".0" : text;
    }

    /// <summary>An int literal.</summary>
    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A long literal (<c>L</c> suffix).</summary>
    public static string Long(long value) => value.ToString(CultureInfo.InvariantCulture) + "L";

    /// <summary>A quoted, escaped string literal.</summary>
    public static string String(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>A qualified enum member, or a cast of the number when the value has no name.</summary>
    public static string Enum(object value)
    {
        var type = value.GetType();
        var name = System.Enum.GetName(type, value);
        return name is not null
            ? TypeName(type) + "." + name
            : "(" + TypeName(type) + ")(" + Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) + ")";
    }

    /// <summary>The C# name of <paramref name="type"/>: a keyword for primitives, <c>global::</c>-qualified otherwise.</summary>
    public static string TypeName(Type type)
    {
        if (type == typeof(int)) return "int";
        if (type == typeof(long)) return "long";
        if (type == typeof(double)) return "double";
        if (type == typeof(bool)) return "bool";
        if (type == typeof(string)) return "string";
        if (Nullable.GetUnderlyingType(type) is { } underlying) return TypeName(underlying) + "?";

        var name = "global::" + (type.IsGenericType ? type.GetGenericTypeDefinition().FullName! : type.FullName!).Replace('+', '.');
        if (!type.IsGenericType) return name;

        var tick = name.IndexOf('`');
        var builder = new StringBuilder(name, 0, tick, name.Length + 16).Append('<');
        var arguments = type.GetGenericArguments();
        for (var i = 0; i < arguments.Length; i++)
        {
            if (i > 0) builder.Append(", ");
            builder.Append(TypeName(arguments[i]));
        }

        return builder.Append('>').ToString();
    }

    /// <summary>Text made safe for an XML doc comment.</summary>
    public static string XmlText(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
