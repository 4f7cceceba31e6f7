"""Publishing: the production build served by a real nginx with the
example server block, the deploy targets, and a failed build that leaves
the previous site alone."""

import gzip
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT, differences, parse
from pelican.server import RootedHTTPServer
from playwright.sync_api import expect

from tools.local_server import free_port
from tools.serve import PreviewHandler

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def publish(content, output, site_url, **environment):
    env = dict(os.environ, SITEURL=site_url, COLUMNS="3000", **environment)
    return subprocess.run(
        [sys.executable, "tools/publish.py", "--content", str(content), "--output", str(output)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def nginx_config(folder, site, port):
    """A whole nginx.conf around deploy/nginx.conf, on 127.0.0.1:port."""
    server = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    server = re.sub(r"listen \[::\]:80;\n", "", server)
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};")
    server = server.replace("root /srv/www/intl-site;", f"root {site};")
    server = server.replace(
        "include security-headers.conf;", f"include {ROOT / 'deploy' / 'security-headers.conf'};"
    )
    temp = "".join(
        f"{kind}_temp_path {folder}/{kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # Run as root (CI is), nginx's workers would drop to www-data, which may
    # not read pytest's private temporary folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (
        f"{user}worker_processes 1;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n"
        "daemon off;\nevents {}\nhttp {\n  include /etc/nginx/mime.types;\n"
        f"  access_log off;\n{temp}{server}\n}}\n"
    )


@pytest.fixture(scope="session")
def nginx_site(tmp_path_factory):
    """The published sample site behind nginx; yields its base URL."""
    if not os.path.exists(NGINX):
        pytest.fail("nginx is missing: install Debian's nginx package (see README)")
    folder = tmp_path_factory.mktemp("nginx")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    result = publish(CONTENT, folder / "site", base)
    assert result.returncode == 0, result.stdout + result.stderr
    (folder / "nginx.conf").write_text(nginx_config(folder, folder / "site", port))
    server = subprocess.Popen([NGINX, "-c", str(folder / "nginx.conf"), "-p", str(folder)])
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield base, folder / "site"
    server.terminate()
    server.wait(timeout=10)


def fetch(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_every_page_in_the_sitemap_answers(nginx_site):
    base, _site = nginx_site
    status, _headers, body = fetch(base + "/sitemap.xml")
    assert status == 200
    urls = [loc.text for loc in ET.fromstring(body).iter(SITEMAP + "loc")]
    assert f"{base}/en/news/bit-postgraduate-exchanges-record-2019/" in urls
    assert len(urls) > 100
    for url in urls:
        assert url.startswith(base)
        assert fetch(url)[0] == 200, url


def test_sitemap_lists_the_language_versions_of_each_page(nginx_site):
    base, _site = nginx_site
    root = ET.fromstring(fetch(base + "/sitemap.xml")[2])
    entry = next(
        url
        for url in root.iter(SITEMAP + "url")
        if url.find(SITEMAP + "loc").text == f"{base}/zh/programs/bjut-toronto-summer/"
    )
    links = {
        link.get("hreflang"): link.get("href")
        for link in entry.iter("{http://www.w3.org/1999/xhtml}link")
    }
    assert links["en"] == f"{base}/en/programs/bjut-toronto-summer/"
    assert links["zh-CN"] == f"{base}/zh/programs/bjut-toronto-summer/"
    robots = fetch(base + "/robots.txt")[2].decode()
    assert f"Sitemap: {base}/sitemap.xml" in robots


@pytest.mark.parametrize(
    ("path", "says"),
    [("/no/such/page/", "Page not found"), ("/zh/no-such-page/", "页面未找到")],
)
def test_a_missing_url_answers_404_with_the_404_page(nginx_site, path, says):
    base, _site = nginx_site
    status, _headers, body = fetch(base + path)
    assert status == 404
    assert says in body.decode()


def test_calendars_and_feeds_have_their_types(nginx_site):
    base, _site = nginx_site
    assert fetch(base + "/lectures.ics")[1]["Content-Type"].startswith("text/calendar")
    assert fetch(base + "/programs-deadlines.ics")[1]["Content-Type"].startswith("text/calendar")
    assert fetch(base + "/en/feed.atom")[1]["Content-Type"].startswith("application/atom+xml")


def test_the_gzip_twin_is_served_to_browsers_that_accept_it(nginx_site):
    base, site = nginx_site
    status, headers, body = fetch(base + "/en/", **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert body == (site / "en" / "index.html.gz").read_bytes()
    assert gzip.decompress(body) == (site / "en" / "index.html").read_bytes()


def test_fingerprinted_assets_are_kept_long_and_pages_briefly(nginx_site):
    base, site = nginx_site
    soup = parse(site / "en" / "index.html")
    css = soup.find("link", rel="stylesheet")["href"]
    assert re.search(r"/theme/css/site\.[0-9a-f]{10}\.css$", css)
    headers = fetch(css)[1]
    assert "max-age=31536000" in headers["Cache-Control"]
    assert "immutable" in headers["Cache-Control"]
    assert "max-age=300" in fetch(base + "/en/")[1]["Cache-Control"]


def test_every_response_carries_the_security_headers(nginx_site):
    base, site = nginx_site
    for path in ("/en/", "/lectures.ics", "/no/such/page/"):
        headers = fetch(base + path)[1]
        policy = headers["Content-Security-Policy"]
        assert "'unsafe-inline'" not in policy
        assert "frame-ancestors 'none'" in policy
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"]
    assert policy in (site / "_headers").read_text(encoding="utf-8")


def test_published_pages_have_canonical_and_open_graph_data(nginx_site):
    base, site = nginx_site
    soup = parse(site / "zh" / "news" / "bjut-2016-student-exchange-boost" / "index.html")
    canonical = f"{base}/zh/news/bjut-2016-student-exchange-boost/"
    assert soup.find("link", rel="canonical")["href"] == canonical
    og = {meta["property"]: meta["content"] for meta in soup.find_all("meta", property=True)}
    assert og["og:url"] == canonical
    assert og["og:locale"] == "zh_CN"
    assert og["og:type"] == "article"
    assert og["og:title"].startswith("2016年北京工业大学学生交流再创新高")
    assert soup.find("link", rel="icon")


PAGES = [
    "/en/",
    "/zh/",
    "/en/programs/bjut-toronto-summer/",
    "/zh/programs/bjut-toronto-summer/",
    "/en/lectures/overseas-scholars/2026-12-21/",
    "/zh/lectures/overseas-scholars/2026-12-21/",
    "/en/search/?q=Toronto",
    "/zh/search/?q=多伦多",
]


@pytest.mark.parametrize("path", PAGES)
def test_pages_run_under_the_content_security_policy(browser, nginx_site, path):
    base, _site = nginx_site
    context = browser.new_context()
    page = context.new_page()
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation',"
        " e => console.error('CSP: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    if "/search/" in path:
        expect(page.locator(".search-result").first).to_be_visible()
    context.close()
    assert problems == []


def test_a_failed_publish_leaves_the_previous_site_as_it_was(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    output = tmp_path / "output"
    assert publish(content, output, "https://intl.example.edu.cn").returncode == 0
    before = tmp_path / "before"
    shutil.copytree(output, before)
    bad = content / "programs" / "bjut-toronto-summer.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("type:", "typ:"), encoding="utf-8")
    result = publish(content, output, "https://intl.example.edu.cn")
    assert result.returncode != 0
    assert "output/ is unchanged" in result.stderr
    assert differences(before, output) == []
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".publishing-")]


def make(*args, **variables):
    return subprocess.run(
        ["make", "--no-print-directory", *args, *(f"{k}={v}" for k, v in variables.items())],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env=dict(os.environ, SITEURL="https://intl.example.edu.cn"),
    )


@pytest.fixture
def two_publications(tmp_path):
    """Content to publish twice: the second time without one news article."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    gone = "bjut-international-education-week-2020"

    def delete_article():
        for lang in ("en", "zh"):
            (content / "news" / f"{gone}.{lang}.md").unlink()

    return content, tmp_path / "output", gone, delete_article


def test_deploy_rsync_mirrors_the_site_and_removes_what_is_gone(two_publications, tmp_path):
    content, output, gone, delete_article = two_publications
    target = tmp_path / "server" / "www"
    target.mkdir(parents=True)
    variables = {"CONTENT": content, "OUTPUT": output, "DEPLOY_RSYNC_TARGET": f"{target}/"}
    first = make("deploy-rsync", **variables)
    assert first.returncode == 0, first.stdout + first.stderr
    assert (target / "en" / "news" / gone / "index.html").exists()
    delete_article()
    second = make("deploy-rsync", **variables)
    assert second.returncode == 0, second.stdout + second.stderr
    assert not (target / "en" / "news" / gone).exists()
    assert not (target / "zh" / "news" / gone).exists()
    assert (target / "en" / "index.html").exists()


def test_deploy_gh_pages_pushes_the_site_and_removes_what_is_gone(two_publications, tmp_path):
    content, output, gone, delete_article = two_publications
    remote = tmp_path / "pages.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    variables = {"CONTENT": content, "OUTPUT": output, "DEPLOY_GH_REMOTE": remote}

    def files_on_branch():
        listing = subprocess.run(
            ["git", "--git-dir", str(remote), "ls-tree", "-r", "--name-only", "gh-pages"],
            capture_output=True,
            text=True,
            check=True,
        )
        return set(listing.stdout.split())

    first = make("deploy-gh-pages", **variables)
    assert first.returncode == 0, first.stdout + first.stderr
    assert f"en/news/{gone}/index.html" in files_on_branch()
    assert ".nojekyll" in files_on_branch()
    delete_article()
    second = make("deploy-gh-pages", **variables)
    assert second.returncode == 0, second.stdout + second.stderr
    files = files_on_branch()
    assert f"en/news/{gone}/index.html" not in files
    assert "en/index.html" in files
    branches = subprocess.run(
        ["git", "branch", "--list", "gh-pages"], cwd=ROOT, capture_output=True, text=True
    )
    assert branches.stdout == "", "the project's own repository is left alone"


def test_the_workflow_passes_actionlint():
    actionlint = Path(sys.executable).parent / "actionlint"
    result = subprocess.run(
        [str(actionlint), ".github/workflows/site.yml"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_nginx_example_sends_the_headers_the_site_declares():
    sys.path.insert(0, str(ROOT / "plugins"))
    from publish.settings import SECURITY_HEADERS

    snippet = (ROOT / "deploy" / "security-headers.conf").read_text(encoding="utf-8")
    for name, value in SECURITY_HEADERS.items():
        assert f'add_header {name} "{value}" always;' in snippet


def test_make_serve_answers_a_missing_page_with_the_languages_404_page(sample_site):
    """Pelican's own server closed the connection without a reply."""
    server = RootedHTTPServer(str(sample_site), ("127.0.0.1", 0), PreviewHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        for path, lang in (("/zh/no-such-page/", "zh"), ("/en/news/gone/", "en")):
            with pytest.raises(urllib.error.HTTPError) as answer:
                urllib.request.urlopen(base + path, timeout=10)
            assert answer.value.code == 404
            page = answer.value.read().decode()
            assert page == (sample_site / lang / "404.html").read_text(encoding="utf-8")
        with urllib.request.urlopen(base + "/en/", timeout=10) as found:
            assert found.status == 200
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
