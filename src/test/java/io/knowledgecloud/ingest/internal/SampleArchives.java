package io.knowledgecloud.ingest.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/** Zip-based samples built in memory: ODT, EPUB, zip bombs and an encrypted DOCX. */
final class SampleArchives {

	private SampleArchives() {
	}

	static byte[] odt() {
		String content = """
				<?xml version="1.0" encoding="UTF-8"?>
				<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
				    xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
				  <office:body><office:text>
				    <text:h text:outline-level="1">Overview</text:h>
				    <text:p>Open documents are zip files.</text:p>
				    <text:h text:outline-level="2">Details</text:h>
				    <text:p>The text lives in content.xml.</text:p>
				  </office:text></office:body>
				</office:document-content>
				""";
		String meta = """
				<?xml version="1.0" encoding="UTF-8"?>
				<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
				    xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2">
				  <office:meta><dc:title>Open Document Sample</dc:title></office:meta>
				</office:document-meta>
				""";
		String manifest = """
				<?xml version="1.0" encoding="UTF-8"?>
				<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
				  <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
				  <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
				  <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
				</manifest:manifest>
				""";
		return zip("application/vnd.oasis.opendocument.text", List.of(
				new Entry("META-INF/manifest.xml", manifest), new Entry("content.xml", content),
				new Entry("meta.xml", meta)));
	}

	static byte[] epub() {
		String container = """
				<?xml version="1.0" encoding="UTF-8"?>
				<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
				  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
				</container>
				""";
		String opf = """
				<?xml version="1.0" encoding="UTF-8"?>
				<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
				  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
				    <dc:identifier id="id">urn:uuid:7d3c6f1e-0000-4000-8000-000000000001</dc:identifier>
				    <dc:title>A Tiny Book</dc:title>
				    <dc:language>en</dc:language>
				  </metadata>
				  <manifest>
				    <item id="c1" href="chapter1.xhtml" media-type="application/xhtml+xml"/>
				    <item id="c2" href="chapter2.xhtml" media-type="application/xhtml+xml"/>
				  </manifest>
				  <spine><itemref idref="c1"/><itemref idref="c2"/></spine>
				</package>
				""";
		return zip("application/epub+zip", List.of(new Entry("META-INF/container.xml", container),
				new Entry("OEBPS/content.opf", opf),
				new Entry("OEBPS/chapter1.xhtml", xhtmlChapter("Chapter One", "The voyage began at dawn.")),
				new Entry("OEBPS/chapter2.xhtml", xhtmlChapter("Chapter Two", "The ship reached the island."))));
	}

	private static String xhtmlChapter(String heading, String text) {
		return """
				<?xml version="1.0" encoding="UTF-8"?>
				<html xmlns="http://www.w3.org/1999/xhtml"><head><title>%s</title></head>
				<body><h1>%s</h1><p>%s</p></body></html>
				""".formatted(heading, heading, text);
	}

	record Entry(String name, String content) {
	}

	/** A zip whose first entry is an uncompressed {@code mimetype}, as ODF and EPUB require. */
	static byte[] zip(String mimetype, List<Entry> entries) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			try (ZipOutputStream zip = new ZipOutputStream(out)) {
				byte[] type = mimetype.getBytes(StandardCharsets.US_ASCII);
				ZipEntry first = new ZipEntry("mimetype");
				first.setMethod(ZipEntry.STORED);
				first.setSize(type.length);
				CRC32 crc = new CRC32();
				crc.update(type);
				first.setCrc(crc.getValue());
				zip.putNextEntry(first);
				zip.write(type);
				zip.closeEntry();
				for (Entry entry : entries) {
					zip.putNextEntry(new ZipEntry(entry.name()));
					zip.write(entry.content().getBytes(StandardCharsets.UTF_8));
					zip.closeEntry();
				}
			}
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * A zip with one entry of {@code uncompressedBytes} spaces: it deflates about a thousandfold,
	 * so a few dozen kilobytes claim tens of megabytes of text.
	 */
	static byte[] zipBomb(String entryName, int uncompressedBytes) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			try (ZipOutputStream zip = new ZipOutputStream(out)) {
				zip.putNextEntry(new ZipEntry(entryName));
				zip.write("bomb".getBytes(StandardCharsets.US_ASCII));
				writeRepeated(zip, " ", uncompressedBytes);
				zip.closeEntry();
			}
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The {@link SampleDocuments#docx} sample with a password: an OOXML file encrypted into an OLE2 container. */
	static byte[] encryptedDocx() {
		try (POIFSFileSystem fs = new POIFSFileSystem()) {
			Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
			encryptor.confirmPassword("secret");
			try (OPCPackage docx = OPCPackage.open(new ByteArrayInputStream(SampleDocuments.docx("Locked")));
					OutputStream encrypted = encryptor.getDataStream(fs)) {
				docx.save(encrypted);
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			fs.writeFilesystem(out);
			return out.toByteArray();
		}
		catch (IOException | GeneralSecurityException | InvalidFormatException e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * The {@link SampleDocuments#docx} sample with one more paragraph of {@code padding} characters of repeated
	 * words in {@code word/document.xml}: a valid document whose text inflates about a
	 * thousandfold.
	 */
	static byte[] docxBomb(int padding) {
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(SampleDocuments.docx("Bomb")))) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			try (ZipOutputStream zip = new ZipOutputStream(out)) {
				for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
					byte[] content = in.readAllBytes();
					zip.putNextEntry(new ZipEntry(entry.getName()));
					if (entry.getName().equals("word/document.xml")) {
						String xml = new String(content, StandardCharsets.UTF_8);
						int body = xml.indexOf("</w:body>");
						zip.write((xml.substring(0, body) + "<w:p><w:r><w:t>").getBytes(StandardCharsets.UTF_8));
						writeRepeated(zip, "boom ", padding);
						zip.write(("</w:t></w:r></w:p>" + xml.substring(body)).getBytes(StandardCharsets.UTF_8));
					}
					else {
						zip.write(content);
					}
					zip.closeEntry();
				}
			}
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void writeRepeated(ZipOutputStream zip, String unit, int count) throws IOException {
		byte[] block = unit.repeat(64 * 1024 / unit.length()).getBytes(StandardCharsets.US_ASCII);
		for (int written = 0; written < count; written += block.length) {
			zip.write(block, 0, Math.min(block.length, count - written));
		}
	}
}
