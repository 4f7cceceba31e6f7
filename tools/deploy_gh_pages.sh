#!/usr/bin/env bash
# `make deploy-gh-pages`: push OUTPUT as the only commit of a branch that a
# host serves (GitHub Pages' "deploy from a branch"), with ghp-import.
# ghp-import works in a scratch repository, so the project's own branches
# are never touched. Usage: deploy_gh_pages.sh OUTPUT REMOTE_URL [BRANCH]
set -euo pipefail
output=$(realpath "$1")
remote=$2
branch=${3:-gh-pages}
ghp_import=$(dirname "$(realpath "$0")")/../.venv/bin/ghp-import
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
git -C "$scratch" init -q
git -C "$scratch" remote add target "$remote"
cd "$scratch"
"$ghp_import" --no-jekyll --push --force --remote target --branch "$branch" \
  --message "Publish the site" "$output"
echo "deploy-gh-pages: $output is now branch $branch of $remote"
