// The Lucene 8 peer of tools/bench-search (compiled by it with javac against Debian's
// liblucene8-java): indexes the benchmark's items with CJKAnalyzer (bigrams, Elasticsearch's `cjk`)
// or SmartChineseAnalyzer (segmented words), then answers its queries, timing each in the JVM
// after a warm-up, until the queries have used BUDGET_S seconds (0 or none: no budget; the warm-up
// stops at a tenth of it). Prints "build SECONDS INDEX_BYTES PEAK_RSS_KB", then "MS<TAB>TOTAL" per
// query run, then "ran N of Q".
// Usage: java LuceneBench cjk|smartcn INDEX_DIR ITEMS_TSV QUERIES_TSV WARMUP [BUDGET_S]
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollector;
import org.apache.lucene.store.FSDirectory;

public class LuceneBench {
  static final String TEXT = "text";

  public static void main(String[] args) throws IOException {
    if (args.length != 5 && args.length != 6) {
      System.err.println(
          "usage: LuceneBench cjk|smartcn INDEX_DIR ITEMS_TSV QUERIES_TSV WARMUP [BUDGET_S]");
      System.exit(1);
    }
    Analyzer analyzer = args[0].equals("smartcn") ? new SmartChineseAnalyzer() : new CJKAnalyzer();
    Path indexDir = Paths.get(args[1]);
    long start = System.nanoTime();
    try (FSDirectory dir = FSDirectory.open(indexDir)) {
      IndexWriterConfig config = new IndexWriterConfig(analyzer);
      config.setRAMBufferSizeMB(256);
      try (IndexWriter writer = new IndexWriter(dir, config);
           BufferedReader in = Files.newBufferedReader(Paths.get(args[2]), StandardCharsets.UTF_8)) {
        String line;
        while ((line = in.readLine()) != null) {
          String[] f = line.split("\t", -1);
          Document doc = new Document();
          doc.add(new StringField("document", f[0], Field.Store.YES));
          doc.add(new StringField("district", f[1], Field.Store.YES));
          doc.add(new StringField("domain", f[2], Field.Store.YES));
          doc.add(new StringField("block", f[3], Field.Store.YES));
          doc.add(new TextField(TEXT, f[4], Field.Store.YES));
          writer.addDocument(doc);
        }
        writer.forceMerge(1);  // as FTS5's optimize: one segment before serving
        writer.commit();
      }
    }
    double buildSeconds = (System.nanoTime() - start) / 1e9;
    long bytes = 0;
    try (Stream<Path> files = Files.walk(indexDir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(p)) bytes += Files.size(p);
      }
    }

    List<String[]> queries = new ArrayList<>();
    for (String line : Files.readAllLines(Paths.get(args[3]), StandardCharsets.UTF_8)) {
      if (!line.isEmpty()) queries.add(line.split("\t", -1));
    }
    int warmup = Integer.parseInt(args[4]);
    long budgetNs = args.length > 5 ? (long) (Double.parseDouble(args[5]) * 1e9) : 0;
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(indexDir))) {
      IndexSearcher searcher = new IndexSearcher(reader);
      // The JIT needs more than the warm-up the in-process peers get: ten rounds of the same
      // warm-up queries.
      long warm = System.nanoTime();
      warming:
      for (int round = 0; round < 10; ++round) {
        for (int i = 0; i < Math.min(warmup, queries.size()); ++i) {
          search(searcher, analyzer, queries.get(i));
          if (budgetNs > 0 && System.nanoTime() - warm >= budgetNs / 10) break warming;
        }
      }
      StringBuilder out = new StringBuilder();
      long begin = System.nanoTime();
      int ran = 0;
      for (String[] q : queries) {
        if (budgetNs > 0 && System.nanoTime() - begin >= budgetNs) break;
        ++ran;
        long t0 = System.nanoTime();
        long total = search(searcher, analyzer, q);
        out.append((System.nanoTime() - t0) / 1e6).append('\t').append(total).append('\n');
      }
      // The build line after the queries, with the JVM's peak RSS.
      System.out.print("build " + buildSeconds + " " + bytes + " " + peakRssKb() + "\n" + out
          + "ran " + ran + " of " + queries.size() + "\n");
    }
  }

  // VmHWM of /proc/self/status: the process's peak resident set in KB (0 when unreadable).
  static long peakRssKb() throws IOException {
    for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
    return 0;
  }

  // A word or phrase as the analyzer splits it: one token is a TermQuery, more a PhraseQuery
  // (positions as the analyzer gives them, so bigrams overlap as in the text).
  static Query TextQuery(Analyzer analyzer, String text) throws IOException {
    PhraseQuery.Builder phrase = new PhraseQuery.Builder();
    List<Term> terms = new ArrayList<>();
    int position = -1;
    List<Integer> positions = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(TEXT, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        position += inc.getPositionIncrement();
        terms.add(new Term(TEXT, term.toString()));
        positions.add(position);
      }
      ts.end();
    }
    if (terms.isEmpty()) return new MatchNoDocsQuery();
    if (terms.size() == 1) return new TermQuery(terms.get(0));
    for (int i = 0; i < terms.size(); ++i) phrase.add(terms.get(i), positions.get(i));
    return phrase.build();
  }

  // Top 10 by BM25 with their stored fields, and the exact number of hits.
  static long search(IndexSearcher searcher, Analyzer analyzer, String[] q) throws IOException {
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    for (int i = 3; i < q.length; ++i) query.add(TextQuery(analyzer, q[i]), BooleanClause.Occur.MUST);
    if (!q[1].isEmpty()) {
      query.add(new TermQuery(new Term(q[1], q[2])), BooleanClause.Occur.FILTER);
    }
    TopScoreDocCollector collector = TopScoreDocCollector.create(10, Integer.MAX_VALUE);
    searcher.search(query.build(), collector);
    TopDocs top = collector.topDocs();
    for (ScoreDoc hit : top.scoreDocs) searcher.doc(hit.doc);
    return top.totalHits.value;
  }
}
