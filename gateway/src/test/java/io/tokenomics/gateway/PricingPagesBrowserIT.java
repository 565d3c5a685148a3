package io.tokenomics.gateway;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pricing pages in Debian's Chromium, logged in as acme-analyst through the real Keycloak page: the tier plan
 * (default tiers marked illustrative, a validation message from the API next to its field, the allocation chart's
 * data), the efficiency table from the catalog's API-only models, unit economics, and the tier plan at phone width.
 * Screenshots land in target/screenshots.
 */
class PricingPagesBrowserIT {
    private static final Path SCREENSHOTS = Chromium.SCREENSHOTS;
    @RegisterExtension
    static final BrowserUnderTest chromium = new BrowserUnderTest();

    @Test
    void anAnalystAllocatesAFacilitysPowerAcrossTiersAndReadsTheEconomics() {
        try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            List<String> pageErrors = new java.util.ArrayList<>();
            Page page = Chromium.logIn(context, "acme-analyst");
            page.onPageError(pageErrors::add);

            // the Pricing entry of the main navigation opens the tier plan, reachable from the keyboard
            page.waitForSelector("#accelerators tbody tr[data-id='H100']");
            page.focus("nav a[href='#/pricing']");
            page.keyboard().press("Enter");
            page.waitForSelector("#tiers tbody tr");
            assertThat(page.locator("#tiers tbody tr").count()).isEqualTo(5);
            assertThat(page.inputValue("#tiers tbody tr:nth-child(4) input[name=usdPerMillionOutputTokens]")).isEqualTo("45");
            assertThat(page.textContent("#tiers-illustrative")).contains("illustrative");
            assertThat(page.textContent("label:has(#frontier)")).contains("ILLUSTRATIVE");

            // the API's validation message lands next to the field it names
            page.fill("#facility-mw", "0");
            page.click("#run-tier-plan");
            page.waitForSelector("[data-error-for='facilityMw']:not(:empty)");
            assertThat(page.getAttribute("#facility-mw", "aria-invalid")).isEqualTo("true");

            page.fill("#facility-mw", "50");
            page.click("#run-tier-plan");
            page.waitForFunction("() => window.tokenomicsCharts.tierPlan !== undefined");
            Map<?, ?> option = (Map<?, ?>) page.evaluate("""
                    () => { const o = window.tokenomicsCharts.tierPlan.getOption();
                            return { tiers: o.xAxis[0].data, series: o.series.map(s => ({ name: s.name, data: s.data })) }; }""");
            assertThat(((List<?>) option.get("tiers")).stream().map(String::valueOf).toList())
                    .containsExactly("Free", "Standard", "Fast", "Premium", "Ultra");
            List<?> series = (List<?>) option.get("series");
            double revenueMaximizingMw = sum(series, "power MW (revenue-maximizing)");
            double fixedSplitMw = sum(series, "power MW (fixed split)");
            assertThat(revenueMaximizingMw).isGreaterThan(0).isLessThanOrEqualTo(50.0 + 1e-6);
            assertThat(fixedSplitMw).isGreaterThan(0).isLessThanOrEqualTo(50.0 + 1e-6);
            assertThat(sum(series, "revenue $M/yr (revenue-maximizing)"))
                    .isGreaterThanOrEqualTo(sum(series, "revenue $M/yr (fixed split)")).isGreaterThan(0);
            Object revenuePerMw = page.evaluate(
                    "() => window.tokenomicsCharts.tierPlanEconomics.getOption().series[0].data[0]");
            assertThat(((Number) revenuePerMw).doubleValue()).isGreaterThan(0);
            assertThat(page.textContent("#summary-revenueMaximizing [data-figure=grossMarginPercent]")).endsWith("%");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("pricing-tier-plan.png")).setFullPage(true));

            // efficiency scores of the catalog's API-only models (MMLU and price as the catalog cites them)
            page.click(".subnav a[href='#/pricing/efficiency']");
            page.waitForSelector("#efficiency-inputs tbody tr[data-id='gpt-4o']");
            page.click("#run-efficiency");
            page.waitForFunction("() => window.tokenomicsCharts.efficiency !== undefined");
            List<?> scored = (List<?>) page.evaluate("() => window.tokenomicsCharts.efficiency.getOption().yAxis[0].data");
            assertThat(scored.stream().map(String::valueOf).toList()).contains("GPT-4o", "Claude 3.5 Sonnet", "ERNIE 4.0 Turbo");
            assertThat(page.textContent("#efficiency-table")).contains("17.7");   // seed 002: GPT-4o 88.7 / $5.00
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("pricing-efficiency.png")).setFullPage(true));

            // unit economics: LTV against cost to serve + CAC per segment
            page.click(".subnav a[href='#/pricing/unit-economics']");
            page.waitForSelector("#segments tbody tr");
            page.click("#run-unit-economics");
            page.waitForFunction("() => window.tokenomicsCharts.unitEconomics !== undefined");
            List<?> ltv = (List<?>) page.evaluate("""
                    () => window.tokenomicsCharts.unitEconomics.getOption().series
                            .find(s => s.name === 'LTV (lifetime margin)').data""");
            assertThat(ltv).hasSize(3);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("pricing-unit-economics.png")).setFullPage(true));
            assertThat(pageErrors).isEmpty();
        }

        // phone width: the tier plan still runs and its chart fits the screen
        try (BrowserContext phone = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(390, 844)
                .setIsMobile(true).setHasTouch(true))) {
            Page page = Chromium.logIn(phone, "acme-analyst");
            page.navigate(PlatformUnderTest.gatewayUrl() + "/app/#/pricing");
            page.waitForSelector("#tiers tbody tr");
            page.click("#run-tier-plan");
            page.waitForFunction("() => window.tokenomicsCharts.tierPlan !== undefined");
            Number width = (Number) page.evaluate("() => document.getElementById('tier-plan-chart').getBoundingClientRect().width");
            assertThat(width.doubleValue()).isLessThanOrEqualTo(390);
            Number overflow = (Number) page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
            assertThat(overflow.doubleValue()).as("no horizontal scrolling of the page").isLessThanOrEqualTo(0);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("pricing-tier-plan-phone.png")).setFullPage(true));
        }
    }

    private static double sum(List<?> series, String name) {
        return series.stream().map(Map.class::cast).filter(s -> name.equals(s.get("name"))).findFirst()
                .map(s -> ((List<?>) s.get("data")).stream().filter(java.util.Objects::nonNull)
                        .mapToDouble(v -> ((Number) v).doubleValue()).sum())
                .orElseThrow(() -> new AssertionError("no series '" + name + "'"));
    }
}
