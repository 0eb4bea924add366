#!/usr/bin/env bash
# Installs what the peer scripts in ../shared/peers need: NumPy on multi-threaded OpenBLAS and
# PyTorch's CPU build, and matplotlib for bench/plot_gemm.py, all from Debian's packages, for /usr/bin/python3.
# Nothing installed by hand survives on CI or a fresh machine, so bench/compare.py calls this.
set -euo pipefail

packages=(python3-numpy python3-torch libopenblas0-pthread python3-matplotlib)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "install-peers: ${packages[*]} already installed"
    exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
    sudo=(sudo)
fi
echo "install-peers: installing ${missing[*]} (PyTorch is large: this can take several minutes)"
"${sudo[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q "${missing[@]}"
