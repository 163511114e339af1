# SPDX-License-Identifier: GPL-2.0-or-later
# risu-vm versions: sourced by tools/risu-vm (uses its kv, check_kernel).
#
# What a VM reference is made of, for keying golden traces (the nightly
# driver's `vm` reference): per cached kernel, the Debian packages'
# name, version and .deb SHA-256 (recorded by setup) and the qemu-system
# binary's version.  Nothing is fetched: an uncached kernel says so.

# json_str S: S as a JSON string (the values are package names, versions,
# digests and QEMU's banner: no control characters to escape)
json_str() {
    printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"
}

# qemu_version BINARY: "7.2.x (Debian ...)" from its banner, or ""
qemu_version() {
    command -v "$1" > /dev/null 2>&1 || return 0
    "$1" --version 2>/dev/null |
        sed -n 's/^QEMU emulator version \(.*\)$/\1/p' | head -n 1
}

versions_json_kernel() {
    vk=$1 vd=$CACHE/kernels/$1
    vq=$(kv "$vk" qemu)
    printf '  {"kernel": %s, "cached": %s, "qemu": %s, "qemu_version": %s,' \
        "$(json_str "$vk")" "$([ -f "$vd/ready" ] && echo true || echo false)" \
        "$(json_str "$vq")" "$(json_str "$(qemu_version "$vq")")"
    printf ' "machine": %s, "default_cpu": %s, "packages": [' \
        "$(json_str "$(kv "$vk" machine)")" "$(json_str "$(kv "$vk" cpu)")"
    vsep=
    if [ -f "$vd/ready" ]; then
        while read -r vp va vv vs; do
            printf '%s{"package": %s, "arch": %s, "version": %s, ' "$vsep" \
                "$(json_str "$vp")" "$(json_str "$va")" "$(json_str "$vv")"
            printf '"sha256": %s}' "$(json_str "${vs#sha256:}")"
            vsep=', '
        done < "$vd/versions"
    fi
    printf ']}'
}

cmd_versions() {
    vjson=
    while [ $# -gt 0 ]; do
        case $1 in
        --json) vjson=1; shift ;;
        --cache) CACHE=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        -*) die "versions: unknown option $1" ;;
        *) break ;;
        esac
    done
    [ $# -gt 0 ] || set -- $vm_kernels
    for vk in "$@"; do
        check_kernel "$vk"
    done
    if [ -z "$vjson" ]; then
        for vk in "$@"; do
            vd=$CACHE/kernels/$vk
            vq=$(kv "$vk" qemu)
            if [ -f "$vd/ready" ]; then
                printf '%-10s %s; %s %s\n' "$vk" \
                    "$(cut -d' ' -f1,3 "$vd/versions" | paste -sd' ')" \
                    "$vq" "$(qemu_version "$vq")"
            else
                printf '%-10s not cached (risu-vm setup %s)\n' "$vk" "$vk"
            fi
        done
        return 0
    fi
    printf '{"schema": "risu-vm-versions/1", "kernels": [\n'
    vfirst=1
    for vk in "$@"; do
        [ -n "$vfirst" ] || printf ',\n'
        vfirst=
        versions_json_kernel "$vk"
    done
    printf '\n]}\n'
}
