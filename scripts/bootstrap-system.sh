#!/usr/bin/env bash
# Install the Debian packages the renderer needs, or say exactly how to.
# Idempotent: does nothing when everything is already installed.
set -euo pipefail

packages=(
    libcairo2-dev      # pycairo builds against it; manim draws with Cairo
    libpango1.0-dev    # text layout for manim's Text
    pkg-config         # lets pycairo find Cairo
    texlive-latex-base # latex, for MathTex
    texlive-fonts-recommended
    texlive-latex-extra # standalone.cls, manim's default TeX template
    dvisvgm            # turns TeX output into SVG paths
    fonts-inter        # the theme's typeface
    chromium           # the gallery page is tested in a real headless browser
    chromium-driver    # ...driven by selenium through chromedriver
)
names=()
for entry in "${packages[@]}"; do names+=("${entry%% *}"); done

missing=()
for pkg in "${names[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

line="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if [[ $(id -u) -ne 0 ]]; then
    echo "error: missing system packages: ${missing[*]}" >&2
    echo "run as root:  $line" >&2
    exit 1
fi
echo "installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
