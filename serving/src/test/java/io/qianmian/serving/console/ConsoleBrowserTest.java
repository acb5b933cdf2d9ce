package io.qianmian.serving.console;

import static io.qianmian.serving.console.ConsoleServer.enc;
import static io.qianmian.serving.console.ConsoleServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in headless Chromium against a demo-like server: log in, open every page, read the
 * charts back from their ECharts instances, compare a shopper lookup with the API, and save a
 * screenshot of each page under {@code target/console-screenshots/}. Skipped when Chromium or
 * chromedriver is not installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final Path SHOTS = Path.of("target", "console-screenshots");

  static ConsoleServer cs;
  static ChromeDriver browser;
  static WebDriverWait wait;
  static String cookie;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(CHROMEDRIVER.canExecute() && CHROMIUM.canExecute(), "chromium and chromedriver are not installed");
    cs = ConsoleServer.get();
    cookie = cs.login();
    // The driver's path is given, so Selenium Manager never looks for one on the network.
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1440,1000", "--lang=en-US");
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  @Order(1)
  void aLoginFormGuardsTheConsoleAndAWrongPasswordIsShown() {
    browser.get(cs.base() + "/console/");
    wait.until(ExpectedConditions.urlContains("/console/login"));
    login("wrong password");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
    login(ConsoleServer.PASSWORD);
    wait.until(ExpectedConditions.urlContains("/console/store.html"));
  }

  @Test
  @Order(2)
  void theStorePageChartsEveryDayTheFunnelAndTheBreakdowns() throws Exception {
    JsonNode m = api("store");
    open("store.html", "chart-traffic");
    int days = m.path("daily").size();
    assertThat(points("chart-traffic")).containsExactly(days, days);
    assertThat(points("chart-sales")).containsExactly(days, days);
    assertThat(points("chart-value")).containsExactly(days, days);
    assertThat(points("chart-funnel")).containsExactly(3);
    assertThat(points("chart-channel")).containsExactly(m.path("breakdowns").path("channel").size());
    assertThat(points("chart-segment")).containsExactly(m.path("breakdowns").path("segment").size());
    assertThat(points("chart-category")).containsExactly(m.path("breakdowns").path("category").size());
    assertThat(browser.findElement(By.id("kpi-orders")).getText()).contains(String.format("%,d", m.path("totals").path("orders").asLong()));
    shoot("store");
  }

  @Test
  @Order(3)
  void theSegmentsPageChartsSizesAndTheRfmGridAndTheLookupShowsTheApisItems() throws Exception {
    JsonNode s = api("segments");
    open("segments.html", "chart-rfm");
    assertThat(points("chart-sizes")).containsExactly(s.path("segments").size());
    assertThat(points("chart-rfm")).containsExactly(25);
    assertThat(browser.findElements(By.cssSelector("#segments-table tbody tr"))).hasSize(s.path("segments").size());

    String user = cs.users.get(12);
    WebElement input = browser.findElement(By.id("lookup-user"));
    input.clear();
    input.sendKeys(user);
    browser.findElement(By.id("lookup-go")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#lookup-items tbody tr")));
    List<String> shown = new ArrayList<>();
    for (WebElement row : browser.findElements(By.cssSelector("#lookup-items tbody tr"))) {
      shown.add(row.getAttribute("data-item-id"));
    }
    JsonNode answer = json(cs.get("/v1/users/" + enc(user) + "/recommendations", null).body());
    List<String> expected = new ArrayList<>();
    answer.path("items").forEach(i -> expected.add(i.path("itemId").asText()));
    assertThat(shown).isNotEmpty().isEqualTo(expected);
    ((JavascriptExecutor) browser).executeScript("document.getElementById('lookup').scrollIntoView()");
    shoot("segments");
  }

  @Test
  @Order(4)
  void theCampaignsPageChartsEveryCampaign() throws Exception {
    JsonNode c = api("campaigns");
    open("campaigns.html", "chart-impressions");
    assertThat(points("chart-impressions")).containsExactly(c.path("campaigns").size());
    assertThat(points("chart-estimates")).containsExactly(c.path("campaigns").size());
    assertThat(browser.findElements(By.cssSelector(".card.campaign"))).hasSize(c.path("campaigns").size());
    shoot("campaigns");
  }

  @Test
  @Order(5)
  void theExperimentsPageChartsTheCumulativeLiftOfEachTreatment() throws Exception {
    JsonNode x = api("experiments");
    open("experiments.html", "chart-lift-0");
    JsonNode report = x.path("experiments").get(0).path("report");
    int treatments = report.path("variants").size() - 1;
    int perTreatment = report.path("timeline").size() / treatments;
    List<Integer> pts = points("chart-lift-0");
    assertThat(pts).hasSize(3 * treatments).containsOnly(perTreatment);
    assertThat(browser.findElement(By.id("srm-0")).getText()).contains("Sample ratio");
    assertThat(browser.findElements(By.cssSelector("table.variants tbody tr"))).hasSize(report.path("variants").size());
    assertThat(browser.findElement(By.cssSelector(".offpolicy")).getText()).contains("IPS");
    shoot("experiments");
  }

  @Test
  @Order(6)
  void theModelsPageShowsTheManifestAndTheKeptBundles() throws Exception {
    open("models.html", "versions");
    assertThat(browser.findElement(By.id("manifest")).getText()).contains(cs.server.modelVersion().orElseThrow());
    assertThat(browser.findElements(By.cssSelector("#versions tbody tr"))).hasSize(1);
    shoot("models");
  }

  @Test
  @Order(7)
  void swaggerUiBrowsesTheServersOpenApiDocument() throws Exception {
    browser.get(cs.base() + "/console/api.html");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".swagger-ui .opblock")));
    assertThat(browser.findElement(By.cssSelector(".swagger-ui")).getText()).contains("/v1/users/{userId}/recommendations");
    shoot("api");
  }

  @Test
  @Order(8)
  void theLanguageSwitchShowsChineseLabels() throws Exception {
    open("store.html", "chart-traffic");
    browser.findElement(By.id("lang")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("header nav"), "店铺"));
    wait.until(d -> points("chart-traffic").size() == 2);
    shoot("store-zh");
    browser.findElement(By.id("lang")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("header nav"), "Store"));
  }

  @Test
  @Order(9)
  void theSamePagesWorkOfflineFromTheReportFiles() throws Exception {
    Path out = Path.of("target", "console-offline").toAbsolutePath();
    OfflineConsole.export(new OfflineConsole.Sources(cs.dir.resolve("report"), cs.dir.resolve("models"), cs.dir.resolve("experiment-reports"), null), out);
    int days = api("store").path("daily").size();
    browser.get(out.resolve("store.html").toUri().toString());
    wait.until(d -> !points("chart-traffic").isEmpty());
    assertThat(points("chart-traffic")).containsExactly(days, days);
    assertThat(browser.findElement(By.cssSelector("header")).getText()).contains("Offline snapshot").doesNotContain("Log out");
    browser.get(out.resolve("experiments.html").toUri().toString());
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".offpolicy")));
    shoot("offline-experiments");
    browser.get(out.resolve("campaigns.html").toUri().toString());
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("content"), "Not in this snapshot."));
  }

  private static void login(String password) {
    WebElement user = browser.findElement(By.id("user"));
    user.clear();
    user.sendKeys(ConsoleServer.USER);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.id("submit")).click();
  }

  private static void open(String page, String waitFor) {
    browser.get(cs.base() + "/console/" + page);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id(waitFor)));
    if (waitFor.startsWith("chart-")) {
      wait.until(d -> !points(waitFor).isEmpty());
    }
  }

  /** Points per series, read back from the chart's ECharts instance. */
  @SuppressWarnings("unchecked")
  private static List<Integer> points(String chartId) {
    Object r = ((JavascriptExecutor) browser).executeScript(
        "const n = document.getElementById(arguments[0]); const c = n && echarts.getInstanceByDom(n);"
            + " return c ? c.getOption().series.map(s => s.data.length) : [];", chartId);
    List<Integer> out = new ArrayList<>();
    for (Object o : (List<Object>) r) {
      out.add(((Number) o).intValue());
    }
    return out;
  }

  private static JsonNode api(String name) {
    return json(cs.get("/console/api/" + name, cookie).body());
  }

  private static void shoot(String name) throws Exception {
    File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
