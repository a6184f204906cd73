namespace RouterOS.Domain.Json;

/// <summary>
/// What a converter writes, told without reflection: the API's OpenAPI document describes the
/// configuration's values by asking their converters (the NativeAOT-compiled API cannot look a
/// type's interfaces or static members up at run time).
/// </summary>
public interface IScalarJsonShape
{
    /// <summary>True when the value is written as a JSON number, false for a string.</summary>
    bool IsJsonNumber { get; }
}

/// <summary>A converter that writes a JSON array of <see cref="ElementType"/>.</summary>
public interface IArrayJsonShape
{
    Type ElementType { get; }
}
