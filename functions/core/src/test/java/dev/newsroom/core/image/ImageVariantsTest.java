package dev.newsroom.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageVariantsTest {

    /** A photo-like image: left half red, right half blue, so that orientation and content show. */
    private static BufferedImage picture(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(Color.BLUE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        return image;
    }

    private static byte[] encoded(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    private static BufferedImage decoded(byte[] bytes) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    @Test
    void makesEachNarrowerWidthInTheOriginalsFormatAndProportions() throws Exception {
        ImageVariants.Result result = ImageVariants.process(encoded(picture(2000, 1000, BufferedImage.TYPE_INT_RGB), "jpeg"));

        assertEquals(new ImageVariants.Size(2000, 1000), result.size());
        assertEquals(List.of(new ImageVariants.Size(480, 240), new ImageVariants.Size(960, 480), new ImageVariants.Size(1600, 800)),
                result.variants().stream().map(ImageVariants.Variant::size).toList());
        for (ImageVariants.Variant variant : result.variants()) {
            BufferedImage image = decoded(variant.bytes());
            assertEquals(variant.size().width(), image.getWidth());
            assertEquals(variant.size().height(), image.getHeight());
            assertTrue(new Color(image.getRGB(image.getWidth() / 8, image.getHeight() / 2)).getRed() > 200, "red stays left");
            assertTrue(new Color(image.getRGB(image.getWidth() * 7 / 8, image.getHeight() / 2)).getBlue() > 200, "blue stays right");
            assertTrue(variant.bytes()[0] == (byte) 0xFF && variant.bytes()[1] == (byte) 0xD8, "a JPEG stays a JPEG");
        }
    }

    @Test
    void keepsAPngsTransparencyAndMakesNoVariantAsWideAsTheOriginal() throws Exception {
        BufferedImage logo = picture(960, 300, BufferedImage.TYPE_INT_ARGB);
        logo.setRGB(0, 0, 0x00000000);
        ImageVariants.Result result = ImageVariants.process(encoded(logo, "png"));

        assertEquals(List.of(480), result.variants().stream().map(v -> v.size().width()).toList(), "960 is the original itself");
        BufferedImage variant = decoded(result.variants().get(0).bytes());
        assertTrue(variant.getColorModel().hasAlpha(), "a PNG stays a PNG, with its alpha");
        assertEquals(List.of(), ImageVariants.process(encoded(picture(400, 300, BufferedImage.TYPE_INT_RGB), "png")).variants(),
                "a small image needs none");
    }

    /** A phone's portrait photo is stored landscape with EXIF orientation 6; its variants stand upright, as browsers show the original. */
    @Test
    void turnsAPhotoAsItsExifOrientationSays() throws Exception {
        byte[] landscape = encoded(picture(1200, 800, BufferedImage.TYPE_INT_RGB), "jpeg");

        ImageVariants.Result result = ImageVariants.process(withOrientation(landscape, 6));

        assertEquals(new ImageVariants.Size(800, 1200), result.size());
        BufferedImage upright = decoded(result.variants().get(0).bytes());
        assertEquals(480, upright.getWidth());
        assertEquals(720, upright.getHeight());
        assertTrue(new Color(upright.getRGB(240, 60)).getRed() > 200, "turned clockwise: what was left is on top");
        assertTrue(new Color(upright.getRGB(240, 660)).getBlue() > 200);
    }

    @Test
    void refusesADecompressionBombBeforeDecodingIt_G9() throws Exception {
        byte[] bomb = pngClaiming(100_000, 100_000);

        InvalidImageException refused = assertThrows(InvalidImageException.class, () -> ImageVariants.process(bomb));

        assertTrue(refused.getMessage().contains("100000 × 100000 pixels"), refused.getMessage());
        assertThrows(InvalidImageException.class, () -> ImageVariants.process(pngClaiming(8000, 8000)), "64 megapixels");
    }

    @Test
    void refusesCorruptTruncatedAndOtherFilesWithTheirReason_G9() throws Exception {
        byte[] jpeg = encoded(picture(800, 600, BufferedImage.TYPE_INT_RGB), "jpeg");
        byte[] corruptHeader = jpeg.clone();
        Arrays.fill(corruptHeader, 2, 40, (byte) 0x00);
        for (byte[] bad : List.of(corruptHeader, Arrays.copyOf(jpeg, 300), "<svg onload=alert(1)>".getBytes(), new byte[0],
                encoded(picture(10, 10, BufferedImage.TYPE_INT_RGB), "gif"), new byte[ImageVariants.MAX_BYTES + 1])) {
            InvalidImageException refused = assertThrows(InvalidImageException.class, () -> ImageVariants.process(bad));
            assertTrue(!refused.getMessage().isBlank());
        }
    }

    @Test
    void namesEachVariantBesideItsImage() {
        assertEquals("assets/2026/quay-480w.jpg", ImageVariants.variantKey("assets/2026/quay.jpg", 480));
        assertEquals("assets/a.b/logo-1600w.PNG", ImageVariants.variantKey("assets/a.b/logo.PNG", 1600));
        assertTrue(ImageVariants.handles("assets/x.JPEG") && ImageVariants.handles("assets/x.png"));
        assertTrue(!ImageVariants.handles("assets/x.gif") && !ImageVariants.handles("assets/x.svg") && !ImageVariants.handles("assets/x.pdf"));
    }

    /** A JPEG with an EXIF segment that holds only its orientation, inserted after the start-of-image marker. */
    private static byte[] withOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26);
        tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8).putShort((short) 1)
                .putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0).putInt(0);
        byte[] exif = ByteBuffer.allocate(6 + 26).put(new byte[] {'E', 'x', 'i', 'f', 0, 0}).put(tiff.array()).array();
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 4 + exif.length);
        out.put(jpeg, 0, 2).put((byte) 0xFF).put((byte) 0xE1).putShort((short) (exif.length + 2)).put(exif).put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }

    /** A PNG whose header claims this size, with a token of data: what a decompression bomb looks like before it is decoded. */
    private static byte[] pngClaiming(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0)
                .put((byte) 0).array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] name = type.getBytes();
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
