#!/usr/bin/env bash
# ./tokenomics images: builds the four service images with the Quarkus Jib extension (no Docker daemon), pushes them
# to a registry, records their digests for the Helm chart, and runs each pushed image to prove it starts.
# Run from the repository root (the tokenomics script does). Options:
#   --registry HOST[:PORT]   push there (credentials: ~/.docker/config.json or credential helpers, as Jib reads them);
#                            default: a throw-away local registry on 127.0.0.1 (Debian's docker-registry), verified after
#   --group NAME             repository path under the registry (default tokenomics = chart image.repositoryPrefix)
#   --base-image REF         base image instead of the Debian one built here (e.g. a registry image or tar://file)
#   --insecure               allow a plain-HTTP registry (implied for the local one)
#   --refresh-base           rebuild the cached Debian base image (new security updates); it is kept in target/images
#                            or $TOKENOMICS_IMAGE_CACHE
#   --verify / --no-verify   run the pushed images (default: only for the local registry)
#   --keep-registry          leave the local registry running (prints its address) instead of stopping it
# Writes target/images/images.properties (service=reference@digest) and target/images/values-images.yaml (for helm -f).
set -euo pipefail

registry="" group=tokenomics base_image="" insecure=false refresh_base=false verify="" keep_registry=false
while [ $# -gt 0 ]; do
  case "$1" in
    --registry) registry=${2:?--registry needs a value}; shift ;;
    --group) group=${2:?--group needs a value}; shift ;;
    --base-image) base_image=${2:?--base-image needs a value}; shift ;;
    --insecure) insecure=true ;;
    --refresh-base) refresh_base=true ;;
    --verify) verify=true ;;
    --no-verify) verify=false ;;
    --keep-registry) keep_registry=true ;;
    *) echo "images: unknown option $1 (see ./tokenomics help)" >&2; exit 2 ;;
  esac
  shift
done

out=target/images
mkdir -p "$out"
modules=(catalog-service simulator-service pricing-service gateway)
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
[ -n "$version" ] || { echo "images: no project version in pom.xml" >&2; exit 1; }
tags=("$version")
if sha=$(git rev-parse --short=12 HEAD 2>/dev/null); then
  tags+=("$version-g$sha")
fi
for tag in "${tags[@]}"; do [ "$tag" != latest ] || { echo "images: refusing the tag 'latest'" >&2; exit 1; }; done
begin=$(date +%s)

# 1. The base image: built once and cached (its name carries the build script's hash, so a changed script rebuilds).
if [ -z "$base_image" ]; then
  suite=${BASE_SUITE:-trixie}
  java_package=${BASE_JAVA_PACKAGE:-openjdk-21-jre-headless}
  script_hash=$(sha256sum devstack/images/base-image.sh | cut -c1-12)
  cache=${TOKENOMICS_IMAGE_CACHE:-$PWD/$out}
  base_tar=$cache/base-$suite-$java_package-$script_hash.tar
  if [ ! -f "$base_tar" ] || $refresh_base; then
    mkdir -p "$cache" && rm -f "$cache"/base-*.tar
    BASE_SUITE=$suite BASE_JAVA_PACKAGE=$java_package devstack/images/base-image.sh "$base_tar"
  else
    echo "[images] base image (cached): $base_tar"
  fi
  base_image=tar://$base_tar
fi

# 2. The registry.
registry_pid=""
stop_registry() { if [ -n "$registry_pid" ]; then kill "$registry_pid" 2>/dev/null || true; wait "$registry_pid" 2>/dev/null || true; fi; }
if [ -z "$registry" ]; then
  command -v docker-registry >/dev/null || { echo "images: docker-registry is missing (apt-get install docker-registry)" >&2; exit 1; }
  port=$(for p in $(shuf -i 20000-40000 -n 20); do (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; break; }; done)
  rm -rf "$out/registry" && mkdir -p "$out/registry/data"
  cat >"$out/registry/config.yml" <<EOF
version: 0.1
log: {level: warn, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $PWD/$out/registry/data}, delete: {enabled: true}}
http: {addr: "127.0.0.1:$port"}
EOF
  docker-registry serve "$out/registry/config.yml" >"$out/registry/registry.log" 2>&1 &
  registry_pid=$!
  $keep_registry || trap stop_registry EXIT
  registry=127.0.0.1:$port
  for _ in $(seq 1 50); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
    kill -0 "$registry_pid" 2>/dev/null || { cat "$out/registry/registry.log" >&2; exit 1; }
    sleep 0.2
  done
  insecure=true
  [ -n "$verify" ] || verify=true
  echo "[images] local registry on $registry (pid $registry_pid)"
fi
[ -n "$verify" ] || verify=false

# 3. The images: package the services with Jib and push (the images profile of the root pom).
echo "[images] building and pushing ${modules[*]} as $registry/$group/<service>:{$(IFS=,; echo "${tags[*]}")} ..."
rm -f "${modules[@]/%//target/jib-image.digest}"
additional=$(IFS=,; echo "${tags[*]:1}")
./mvnw -B -q -Pimages -DskipTests package -pl "devstack,$(IFS=,; echo "${modules[*]}")" -am \
  -Dquarkus.container-image.registry="$registry" -Dquarkus.container-image.group="$group" \
  -Dquarkus.container-image.tag="$version" ${additional:+-Dquarkus.container-image.additional-tags="$additional"} \
  -Dquarkus.container-image.insecure="$insecure" -Dquarkus.jib.base-jvm-image="$base_image"

# 4. Digests for the chart.
tag=${tags[-1]}
{
  echo "# Written by ./tokenomics images at $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "registry=$registry"
  echo "group=$group"
  echo "tag=$tag"
  echo "insecure=$insecure"
} >"$out/images.properties"
{
  echo "# helm install ... -f $out/values-images.yaml pins the images just pushed by digest."
  echo "image:"
  echo "  registry: $registry"
  echo "  repositoryPrefix: $group"
  echo "  tag: \"$tag\""
  echo "services:"
} >"$out/values-images.yaml"
declare -A chart_key=([gateway]=gateway [catalog-service]=catalog [simulator-service]=simulator [pricing-service]=pricing)
for module in "${modules[@]}"; do
  digest=$(cat "$module/target/jib-image.digest" 2>/dev/null) || { echo "images: $module wrote no digest" >&2; exit 1; }
  [[ "$digest" =~ ^sha256:[0-9a-f]{64}$ ]] || { echo "images: bad digest '$digest' for $module" >&2; exit 1; }
  echo "$module=$registry/$group/$module:$tag@$digest" >>"$out/images.properties"
  printf '  %s:\n    image:\n      name: %s\n      digest: "%s"\n' "${chart_key[$module]}" "$module" "$digest" >>"$out/values-images.yaml"
  echo "[images] $registry/$group/$module:$tag@$digest"
done
echo "[images] built and pushed in $(( $(date +%s) - begin )) s; chart values: $out/values-images.yaml"

# 5. Proof that the images run: pull each by digest, unpack it, start it (read-only root, user 185) on a real PostgreSQL.
if $verify; then
  "$JAVA_HOME/bin/java" -Xmx512m -cp "devstack/target/devstack-$version.jar:devstack/target/lib/*" \
    -Dtokenomics.root="$PWD" io.tokenomics.devstack.TokenomicsCommand verify-images --images "$out/images.properties"
fi
if $keep_registry && [ -n "$registry_pid" ]; then
  echo "[images] registry left running on $registry (pid $registry_pid; stop it with: kill $registry_pid)"
fi
