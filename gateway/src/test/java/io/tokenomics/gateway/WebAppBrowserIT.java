package io.tokenomics.gateway;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person's path through the web app in Debian's Chromium: log in on the real Keycloak page, browse the catalog
 * (table and chart), run a simulation and read its priced result, and see that another tenant's result URL is "not
 * found". Screenshots land in target/screenshots.
 */
class WebAppBrowserIT {
    private static final Path SCREENSHOTS = Chromium.SCREENSHOTS;
    @RegisterExtension
    static final BrowserUnderTest chromium = new BrowserUnderTest();

    @Test
    void anAnalystGoesFromTheCatalogToAPricedResultAndAnotherTenantCannotOpenIt() {
        String resultUrl;
        try (BrowserContext acme = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = Chromium.logIn(acme, "acme-analyst");

            page.waitForSelector("#accelerators tbody tr[data-id='H100']");
            assertThat(page.locator("#accelerators tbody tr").count()).isGreaterThanOrEqualTo(3);
            Object charted = page.evaluate("() => window.tokenomicsCharts.catalog.getOption().series[0].data.map(d => d[2])");
            assertThat(((List<?>) charted).stream().map(String::valueOf).toList()).contains("H100", "H200", "B200");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("catalog.png")).setFullPage(true));

            page.navigate(PlatformUnderTest.gatewayUrl() + "/app/#/simulate");
            page.waitForSelector("#scenario input[name='requestCount']");
            page.fill("input[name='requestCount']", "0");
            page.click("#run-simulation");
            page.waitForSelector("[data-error-for='requestCount']:not(:empty)");
            assertThat(page.textContent("[data-error-for='requestCount']")).isEqualTo("must be greater than or equal to 1");

            // the builder's defaults are a small, complete scenario: a new user only names it and runs it
            page.fill("input[name='name']", "Browser run: 8B FP8 on H100");
            page.fill("input[name='requestCount']", "500");
            page.selectOption("select[name='acceleratorId']", "H100");
            page.click("#run-simulation");
            page.waitForSelector("#job-status:text('COMPLETED')", new Page.WaitForSelectorOptions().setTimeout(120_000));
            page.waitForFunction("() => window.tokenomicsCharts.latency !== undefined");
            Object ttftP50 = page.evaluate("() => window.tokenomicsCharts.latency.getOption().series[0].data[0]");
            assertThat(((Number) ttftP50).doubleValue()).isGreaterThan(0);
            assertThat(page.textContent("#cost")).startsWith("$");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("result.png")).setFullPage(true));
            resultUrl = page.url();
            assertThat(resultUrl).contains("#/simulations/");
        }

        try (BrowserContext globex = chromium.browser().newContext()) {
            Page page = Chromium.logIn(globex, "globex-analyst");
            page.waitForSelector("#accelerators");
            page.navigate(resultUrl);
            page.reload();
            page.waitForSelector("#not-found");
            assertThat(page.textContent("#not-found")).contains("Not found");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("other-tenant-not-found.png")));
        }
    }
}
