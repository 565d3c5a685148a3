package io.tokenomics.gateway;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright for the browser tests (Playwright never downloads a browser here), against
 * the platform of {@link PlatformUnderTest}. Screenshots go to target/screenshots.
 */
final class Chromium implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    static Chromium launch() {
        PlatformUnderTest.get();
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(System.getProperty("tokenomics.chromium", "/usr/bin/chromium")))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
        return new Chromium(playwright, browser);
    }

    Browser browser() {
        return browser;
    }

    /** Opens the app, is sent to Keycloak's login page, signs in with the DEMO password and comes back. */
    static Page logIn(BrowserContext context, String user) {
        Page page = context.newPage();
        page.navigate(PlatformUnderTest.gatewayUrl() + "/app/");
        page.waitForSelector("#username");
        page.fill("#username", user);
        page.fill("#password", "demo-" + user);
        page.click("#kc-login");
        page.waitForURL(url -> url.startsWith(PlatformUnderTest.gatewayUrl() + "/app/"));
        return page;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
