namespace Camlab.Rendering.Scenes;

/// <summary>
/// A 5×7 dot-matrix font for the scene's compass and distance labels, built into the code so the scene
/// needs no font file. Only the characters the scene draws exist.
/// </summary>
public static class BitmapFont
{
    public const int GlyphWidth = 5;
    public const int GlyphHeight = 7;
    /// <summary>Blank columns between glyphs.</summary>
    public const int Spacing = 1;

    private static readonly Dictionary<char, string[]> Glyphs = new()
    {
        ['N'] = ["#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#", "#...#"],
        ['E'] = ["#####", "#....", "#....", "####.", "#....", "#....", "#####"],
        ['S'] = [".####", "#....", "#....", ".###.", "....#", "....#", "####."],
        ['W'] = ["#...#", "#...#", "#...#", "#.#.#", "#.#.#", "##.##", "#...#"],
        ['M'] = ["#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#"],
        ['0'] = [".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###."],
        ['1'] = ["..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."],
        ['2'] = [".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"],
        ['3'] = ["#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###."],
        ['4'] = ["...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."],
        ['5'] = ["#####", "#....", "####.", "....#", "....#", "#...#", ".###."],
        ['6'] = ["..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."],
        ['7'] = ["#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."],
        ['8'] = [".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."],
        ['9'] = [".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."],
    };

    public static bool Supports(char c) => Glyphs.ContainsKey(c);

    /// <summary>Width of <paramref name="text"/> in font cells.</summary>
    public static int TextWidthCells(string text) => text.Length == 0 ? 0 : text.Length * (GlyphWidth + Spacing) - Spacing;

    /// <summary>Whether the cell at (<paramref name="column"/>, <paramref name="row"/>) of the laid-out text is ink.</summary>
    public static bool IsInk(string text, int column, int row)
    {
        if (row < 0 || row >= GlyphHeight || column < 0) return false;
        int glyph = column / (GlyphWidth + Spacing), x = column % (GlyphWidth + Spacing);
        if (glyph >= text.Length || x >= GlyphWidth) return false;
        if (!Glyphs.TryGetValue(text[glyph], out var rows))
            throw new ArgumentException($"the built-in font has no glyph for '{text[glyph]}'", nameof(text));
        return rows[row][x] == '#';
    }
}
