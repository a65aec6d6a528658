using System;
using System.CodeDom.Compiler;
using System.Collections;
using System.Linq;
using System.Reflection;
using Miro.Dsl.Model;

namespace Miro.Generators.Emit;

/// <summary>
/// Writes a <see cref="PolicySpec"/> (or any part of it) as a C# expression that rebuilds it:
/// <c>new PolicySpec(Name: "...", Device: new DeviceSpec(...), ...)</c>. It walks each record's
/// primary constructor, so a member added to the model is emitted without touching this file,
/// and the generated spec equals the bound one (the round-trip tests hold it to that).
/// </summary>
internal static class SpecLiteralWriter
{
    /// <summary>Writes <paramref name="value"/> of declared type <paramref name="type"/>.</summary>
    public static void Write(IndentedTextWriter writer, object? value, Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (value is null)
        {
            writer.Write("null");
            return;
        }

        if (underlying is not null) type = underlying;

        switch (value)
        {
            case string s:
                writer.Write(CSharpLiterals.String(s));
                return;
            case bool b:
                writer.Write(CSharpLiterals.Bool(b));
                return;
            case int i:
                writer.Write(CSharpLiterals.Int(i));
                return;
            case long l:
                writer.Write(CSharpLiterals.Long(l));
                return;
            case double d:
                writer.Write(CSharpLiterals.Double(d));
                return;
            case Enum e:
                writer.Write(CSharpLiterals.Enum(e));
                return;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EquatableArray<>))
        {
            WriteArray(writer, (IEnumerable)value, type, type.GetGenericArguments()[0]);
            return;
        }

        WriteRecord(writer, value, type);
    }

    private static void WriteArray(IndentedTextWriter writer, IEnumerable items, Type arrayType, Type elementType)
    {
        var elements = items.Cast<object>().ToArray();
        if (elements.Length == 0)
        {
            writer.Write(CSharpLiterals.TypeName(arrayType) + ".Empty");
            return;
        }

        writer.Write("new " + CSharpLiterals.TypeName(arrayType) + "(new " + CSharpLiterals.TypeName(elementType) + "[] {");
        var simple = elementType.IsPrimitive || elementType.IsEnum || elementType == typeof(string);
        if (simple)
        {
            writer.Write(" ");
            for (var i = 0; i < elements.Length; i++)
            {
                if (i > 0) writer.Write(", ");
                Write(writer, elements[i], elementType);
            }

            writer.Write(" })");
            return;
        }

        // Records go one per line, so the generated spec reads like the .miro file.
        writer.WriteLine();
        writer.Indent++;
        for (var i = 0; i < elements.Length; i++)
        {
            Write(writer, elements[i], elementType);
            writer.WriteLine(i < elements.Length - 1 ? "," : "");
        }

        writer.Indent--;
        writer.Write("})");
    }

    private static void WriteRecord(IndentedTextWriter writer, object value, Type type)
    {
        var constructor = PrimaryConstructor(type);
        var parameters = constructor.GetParameters();
        writer.Write("new " + CSharpLiterals.TypeName(type) + "(");
        if (parameters.Length == 0)
        {
            writer.Write(")");
            return;
        }

        writer.WriteLine();
        writer.Indent++;
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            var property = type.GetProperty(parameter.Name!, BindingFlags.Public | BindingFlags.Instance)
                ?? throw new InvalidOperationException($"{type.Name} has no property for constructor parameter '{parameter.Name}'.");
            writer.Write(parameter.Name + ": ");
            Write(writer, property.GetValue(value), parameter.ParameterType);
            if (i < parameters.Length - 1) writer.WriteLine(",");
            else writer.Write(")");
        }

        writer.Indent--;
    }

    // A record's primary constructor: its public constructor with the most parameters, which
    // is not the compiler-generated copy constructor (one parameter of the record's own type).
    private static ConstructorInfo PrimaryConstructor(Type type)
    {
        ConstructorInfo? best = null;
        foreach (var constructor in type.GetConstructors(BindingFlags.Public | BindingFlags.Instance))
        {
            var parameters = constructor.GetParameters();
            if (parameters.Length == 1 && parameters[0].ParameterType == type) continue;
            if (best is null || parameters.Length > best.GetParameters().Length) best = constructor;
        }

        return best ?? throw new InvalidOperationException($"{type.Name} has no public constructor to rebuild it with.");
    }
}
