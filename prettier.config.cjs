/**
 * Prettier settings of the OCA addons-repo template (18.0): XML, YAML, JSON, Markdown.
 * Run by the `prettier` hook of .pre-commit-config.yaml (npm packages prettier and
 * @prettier/plugin-xml); indentation comes from .editorconfig.
 * @type {import('prettier').Config}
 */
const config = {
    // https://github.com/prettier/prettier/issues/15388#issuecomment-1717746872
    plugins: [require.resolve("@prettier/plugin-xml")],
    bracketSpacing: false,
    printWidth: 88,
    proseWrap: "always",
    semi: true,
    trailingComma: "es5",
    xmlWhitespaceSensitivity: "preserve",
};

module.exports = config;
