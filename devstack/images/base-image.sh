#!/usr/bin/env bash
# Builds the services' base image without a container engine: a minimal Debian root filesystem (debootstrap) with
# Debian's OpenJDK runtime and the non-root user 185 (home /home/jboss, Jib's working directory), packed as a
# single-layer image tarball in the `docker save` layout that Jib reads with `tar://`.
#
#   devstack/images/base-image.sh OUTPUT.tar      (root; needs debootstrap, tar, gzip, sha256sum)
#
# Settings (environment): BASE_SUITE (default trixie), BASE_JAVA_PACKAGE (default openjdk-21-jre-headless),
# BASE_MIRROR (default http://deb.debian.org/debian), SOURCE_DATE_EPOCH (file times in the layer; default 0).
# The layer is written in a stable form (sorted names, fixed times, numeric owners); files that package scripts generate
# (Java's cacerts, /etc/shadow dates) still differ between two builds, so each build has its own digest.
set -euo pipefail

out=${1:?usage: base-image.sh OUTPUT.tar}
suite=${BASE_SUITE:-trixie}
java_package=${BASE_JAVA_PACKAGE:-openjdk-21-jre-headless}
mirror=${BASE_MIRROR:-http://deb.debian.org/debian}
epoch=${SOURCE_DATE_EPOCH:-0}
java_home=/usr/lib/jvm/$(sed -E 's/^openjdk-([0-9]+)-.*/java-\1-openjdk-amd64/' <<<"$java_package")

[ "$(id -u)" = 0 ] || { echo "base-image.sh: debootstrap and chroot need root" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "base-image.sh: debootstrap is missing (apt-get install debootstrap)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/tokenomics-base.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/rootfs

echo "[base-image] debootstrap $suite + $java_package ..."
debootstrap --variant=minbase --include="$java_package" "$suite" "$root" "$mirror" >"$work/debootstrap.log" 2>&1 \
  || { tail -30 "$work/debootstrap.log" >&2; exit 1; }

# The runtime user of the Helm chart (runAsUser/runAsGroup 185) and of Quarkus' default images.
chroot "$root" groupadd --system --gid 185 jboss
chroot "$root" useradd --system --uid 185 --gid 185 --home-dir /home/jboss --create-home --shell /usr/sbin/nologin jboss
chmod 0755 "$root/home/jboss"

# A runtime image needs no package lists, caches, docs, man pages or translations.
rm -rf "$root"/var/cache/apt/* "$root"/var/lib/apt/lists/* "$root"/var/log/* "$root"/usr/share/doc/* \
  "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/* "$root"/tmp/* \
  "$root"/var/cache/debconf/*-old "$root"/var/lib/dpkg/*-old "$root"/dev/* "$root"/proc/* "$root"/sys/*

[ -x "$root$java_home/bin/java" ] || { echo "base-image.sh: no java at $java_home" >&2; exit 1; }
java_version=$(chroot "$root" dpkg-query -W -f '${Version}' "$java_package")

echo "[base-image] packing the layer ..."
mkdir -p "$work/image"
tar --create --file "$work/layer.tar" --directory "$root" --sort=name --numeric-owner \
  --mtime="@$epoch" --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime .
diff_id=sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
gzip -n -6 -c "$work/layer.tar" >"$work/image/layer.tar.gz"
rm "$work/layer.tar"

created=$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)
cat >"$work/image/config.json" <<EOF
{"architecture":"amd64","os":"linux","created":"$created",
 "config":{"User":"185","WorkingDir":"/home/jboss",
  "Env":["PATH=$java_home/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=$java_home","LANG=C.UTF-8"],
  "Labels":{"org.opencontainers.image.title":"tokenomics-base-jre","org.opencontainers.image.base.name":"debian:$suite",
   "org.opencontainers.image.description":"Debian $suite minbase + $java_package $java_version, user 185"}},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"$created","created_by":"devstack/images/base-image.sh ($suite, $java_package $java_version)"}]}
EOF
cat >"$work/image/manifest.json" <<EOF
[{"Config":"config.json","RepoTags":["tokenomics/base-jre:$suite-$java_version"],"Layers":["layer.tar.gz"]}]
EOF
mkdir -p "$(dirname "$out")"
tar --create --file "$out.partial" --directory "$work/image" --sort=name --mtime="@$epoch" manifest.json config.json layer.tar.gz
mv "$out.partial" "$out"
echo "[base-image] $out: $(du -h "$out" | cut -f1) ($java_package $java_version, layer $diff_id)"
