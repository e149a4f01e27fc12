<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>ChatPanel</name>
    <message>
        <source>Ask about your shop, e.g. How many jars of honey are left?</source>
        <translation>Pregunta sobre tu tienda, p. ej. ¿Cuántos tarros de miel quedan?</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>Preguntar</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Stop the answer that is being written</source>
        <translation>Detiene la respuesta que se está escribiendo</translation>
    </message>
</context>
<context>
    <name>ErrorDisplay</name>
    <message>
        <source>Not answered: the question needs changing</source>
        <translation>Sin respuesta: hay que cambiar la pregunta</translation>
    </message>
    <message>
        <source>Not answered: the local model failed</source>
        <translation>Sin respuesta: el modelo local ha fallado</translation>
    </message>
    <message>
        <source>Not answered: the shop database cannot be read</source>
        <translation>Sin respuesta: no se puede leer la base de datos de la tienda</translation>
    </message>
    <message>
        <source>Not answered</source>
        <translation>Sin respuesta</translation>
    </message>
    <message>
        <source>Not answered: unexpected error (the log file has the details)</source>
        <translation>Sin respuesta: error inesperado (los detalles están en el archivo de registro)</translation>
    </message>
</context>
<context>
    <name>InventoryTab</name>
    <message>
        <source>Search by name, SKU or barcode</source>
        <translation>Buscar por nombre, SKU o código de barras</translation>
    </message>
    <message>
        <source>Cannot read the products: {error}</source>
        <translation>No se pueden leer los productos: {error}</translation>
    </message>
    <message>
        <source>Products shown: {shown} of {total}</source>
        <translation>Productos mostrados: {shown} de {total}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Retail Assistant: questions about your shop</source>
        <translation>Retail Assistant: preguntas sobre tu tienda</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Asistente</translation>
    </message>
    <message>
        <source>Inventory</source>
        <translation>Inventario</translation>
    </message>
    <message>
        <source>Offline mode: local only</source>
        <translation>Modo sin conexión: solo local</translation>
    </message>
    <message>
        <source>Every answer is computed on this computer; nothing is sent out.</source>
        <translation>Todas las respuestas se calculan en este ordenador; no se envía nada fuera.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <source>The language is changed for this session only: {error}</source>
        <translation>El idioma se ha cambiado solo para esta sesión: {error}</translation>
    </message>
    <message>
        <source>The translation for {language} is not installed; run &apos;make&apos; to build it.</source>
        <translation>La traducción a {language} no está instalada; ejecuta «make» para generarla.</translation>
    </message>
</context>
<context>
    <name>ModelStatusLabel</name>
    <message>
        <source>Local model: loading {name}…</source>
        <translation>Modelo local: cargando {name}…</translation>
    </message>
    <message>
        <source>Local model: ready ({name})</source>
        <translation>Modelo local: listo ({name})</translation>
    </message>
    <message>
        <source>Local model not available: {reason}. Stock and price questions still work.</source>
        <translation>Modelo local no disponible: {reason}. Las preguntas de existencias y precios siguen funcionando.</translation>
    </message>
    <message>
        <source>Local model: closed</source>
        <translation>Modelo local: cerrado</translation>
    </message>
    <message>
        <source>Local model: not started</source>
        <translation>Modelo local: sin iniciar</translation>
    </message>
</context>
<context>
    <name>ProductTableModel</name>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>Código de barras</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Existencias</translation>
    </message>
    <message>
        <source>Price (VAT incl.)</source>
        <translation>Precio (IVA incl.)</translation>
    </message>
    <message>
        <source>VAT %</source>
        <translation>IVA %</translation>
    </message>
</context>
<context>
    <name>Transcript</name>
    <message>
        <source>Answers appear here. Ask about stock or prices, for example: How many jars of honey are left?</source>
        <translation>Las respuestas aparecen aquí. Pregunta por existencias o precios, por ejemplo: ¿Cuántos tarros de miel quedan?</translation>
    </message>
    <message>
        <source>waiting for the answer above…</source>
        <translation>esperando a la respuesta anterior…</translation>
    </message>
    <message>
        <source>working…</source>
        <translation>preparando la respuesta…</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>detenida</translation>
    </message>
    <message>
        <source>cache</source>
        <translation>caché</translation>
    </message>
    <message>
        <source>cloud</source>
        <translation>nube</translation>
    </message>
    <message>
        <source>local</source>
        <translation>local</translation>
    </message>
</context>
<context>
    <name>Launch</name>
    <message>
        <source>Retail Assistant cannot open the shop</source>
        <translation>Retail Assistant no puede abrir la tienda</translation>
    </message>
</context>
</TS>
