"""The browser page of `newsgraph serve` in a real browser: Debian's headless Chromium driven by selenium.

Usage: browser.py NEWSGRAPH_BIN STORE

Serves STORE (the samples loaded) on a free loopback port, opens `/`, runs a preset and sees its rows,
runs one with a parameter, follows a link from the results to an entity's page, runs a broken query and
sees its error where the query is, and downloads CSV. Nothing leaves the machine: the page loads no
outside resource (checked through the browser's own list of requests).
"""

import os
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait


def start(binary, store):
    server = subprocess.Popen(
        [binary, "serve", "--store", store, "--bind", "127.0.0.1:0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    line = server.stderr.readline()
    addr = line.split("http://")[1].split("/")[0]
    return server, f"http://{addr}"


def driver(downloads):
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--disable-background-networking"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"download.default_directory": downloads,
                                              "download.prompt_for_download": False})
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(service=service, options=options)


def main():
    binary, store = sys.argv[1], sys.argv[2]
    server, root = start(binary, store)
    downloads = tempfile.mkdtemp()
    browser = driver(downloads)
    wait = WebDriverWait(browser, 20)
    try:
        browser.get(root + "/")
        wait.until(lambda b: b.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "true")
        presets = [o.get_attribute("value") for o in Select(browser.find_element(By.ID, "preset")).options]
        assert "people" in presets and "mentions" in presets, presets

        # A preset: its rows in a table.
        Select(browser.find_element(By.ID, "preset")).select_by_value("people")
        assert "SELECT" in browser.find_element(By.ID, "editor").get_attribute("value")
        browser.find_element(By.ID, "run").click()
        wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, "#table tbody tr"))
        rows = browser.find_elements(By.CSS_SELECTOR, "#table tbody tr")
        headers = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "#table th")]
        assert len(rows) >= 3, len(rows)
        assert "name" in headers, headers
        print(f"people: {len(rows)} rows, columns {headers}")

        # A preset with a parameter, matched by alias and case.
        Select(browser.find_element(By.ID, "preset")).select_by_value("mentions")
        browser.find_element(By.CSS_SELECTOR, "input[data-param=entity]").send_keys("biskopsgården")
        browser.find_element(By.ID, "run").click()
        wait.until(lambda b: "rows" in b.find_element(By.ID, "status").text)
        rows = browser.find_elements(By.CSS_SELECTOR, "#table tbody tr")
        assert len(rows) >= 2, browser.find_element(By.ID, "status").text
        print(f"mentions of biskopsgården: {len(rows)} rows")

        # CSV of the same rows.
        browser.find_element(By.CSS_SELECTOR, "#downloads button[data-ext=csv]").click()
        path = os.path.join(downloads, "results.csv")
        deadline = time.time() + 10
        while not os.path.exists(path) and time.time() < deadline:
            time.sleep(0.1)
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        assert len(lines) == len(rows) + 1, lines
        print(f"CSV download: {len(lines) - 1} rows")

        # Follow a link from the results: the entity's page.
        Select(browser.find_element(By.ID, "preset")).select_by_value("people")
        browser.find_element(By.ID, "run").click()
        wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, "#table tbody tr a"))
        link = browser.find_element(By.CSS_SELECTOR, "#table tbody tr a[href*='/person/']")
        target = link.get_attribute("href")
        assert target.startswith(root + "/person/"), target
        link.click()
        wait.until(lambda b: b.current_url == target)
        heading = browser.find_element(By.TAG_NAME, "h1").text
        assert heading and "Person" in browser.find_element(By.CLASS_NAME, "type").text, heading
        articles = browser.find_elements(By.CSS_SELECTOR, "ul li a[href*='/article/']")
        assert articles, browser.page_source[:2000]
        print(f"followed {target}: {heading!r}, {len(articles)} articles")
        articles[0].click()
        wait.until(lambda b: "/article/" in b.current_url)
        assert browser.find_element(By.TAG_NAME, "h1").text

        # An error is shown where the query is.
        browser.get(root + "/")
        wait.until(lambda b: b.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "true")
        editor = browser.find_element(By.ID, "editor")
        editor.clear()
        editor.send_keys("SELECT WHERE {")
        browser.find_element(By.ID, "run").click()
        wait.until(lambda b: b.find_element(By.ID, "error").is_displayed())
        error = browser.find_element(By.ID, "error").text
        assert "400" in error and "syntax error" in error, error
        print(f"error shown: {error[:80]!r}")

        # Nothing was fetched from outside the server.
        urls = browser.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name)")
        outside = [u for u in urls if not u.startswith(root)]
        assert not outside, outside
    finally:
        browser.quit()
        server.terminate()
        server.wait(timeout=20)
    assert server.returncode == 0, server.returncode
    print("browser: ok")


if __name__ == "__main__":
    main()
