#!/usr/bin/env bash
# Builds the runner's base image without any registry: a minimal Debian bookworm with python3, made with
# debootstrap from the Debian mirror apt already uses, then `docker import`ed as $1 (default tutor-python-base:bookworm).
# Needs root, debootstrap and a running Docker engine. Takes about a minute.
set -euo pipefail
name="${1:-tutor-python-base:bookworm}"
command -v debootstrap >/dev/null || { echo "debootstrap is missing: apt-get install -y debootstrap" >&2; exit 1; }
mirror="${DEBIAN_MIRROR:-}"
if [ -z "$mirror" ]; then
  # Only files apt reads (*.list, *.sources), and only a Debian archive (not the security one, not a vendor's).
  mirror=$( { cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null || true; } \
    | grep -oE '^(URIs:|deb) +https?://[^ ]+' | awk '{print $2}' | grep -E '/debian/?$' | head -n1 || true)
fi
mirror="${mirror:-http://deb.debian.org/debian}"
dir=$(mktemp -d /tmp/tutor-base.XXXXXX)
# debootstrap mounts the host's /proc (and on some hosts /sys) inside the tree to configure packages, and can
# leave it mounted; unmounted first, neither the image nor the clean-up reads the host's processes.
unmount_inside() { for m in proc sys; do if mountpoint -q "$dir/$m"; then umount -l "$dir/$m"; fi; done; }
trap 'unmount_inside; rm -rf "$dir"' EXIT
echo "debootstrap bookworm from $mirror (about a minute)..."
debootstrap --variant=minbase --include=python3 bookworm "$dir" "$mirror" >"$dir.log" 2>&1 \
  || { tail -n 20 "$dir.log" >&2; rm -f "$dir.log"; exit 1; }
rm -f "$dir.log"
unmount_inside
# Nothing the sandbox needs: documentation, locales, apt's caches.
rm -rf "$dir"/usr/share/doc/* "$dir"/usr/share/man/* "$dir"/usr/share/locale/* "$dir"/var/cache/apt/* "$dir"/var/lib/apt/lists/*
echo "importing as $name..."
tar -C "$dir" -c . | docker import - "$name" >/dev/null
echo "built $name"
