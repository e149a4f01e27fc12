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
    <message>
        <source>Auto</source>
        <translation>Automático</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Este ordenador</translation>
    </message>
    <message>
        <source>Cloud</source>
        <translation>Nube</translation>
    </message>
    <message>
        <source>The assistant chooses: data questions here, long writing in the cloud when the shop allows it and the line is up</source>
        <translation>El asistente elige: las preguntas de datos aquí, la redacción larga en la nube cuando la tienda lo permite y hay conexión</translation>
    </message>
    <message>
        <source>Answer the next question on this computer only</source>
        <translation>Responde la próxima pregunta solo en este ordenador</translation>
    </message>
    <message>
        <source>Send the next question to the cloud (questions about stock and prices stay here)</source>
        <translation>Envía la próxima pregunta a la nube (las preguntas de existencias y precios se quedan aquí)</translation>
    </message>
    <message>
        <source>No cloud service can be used: set one up in Settings → Cloud…, and check that the shop&apos;s policy is not local only</source>
        <translation>No se puede usar ningún servicio en la nube: configura uno en Ajustes → Nube… y comprueba que la política de la tienda no sea solo local</translation>
    </message>
    <message>
        <source>Where the next question is answered</source>
        <translation>Dónde se responde la próxima pregunta</translation>
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
    <message>
        <source>Low stock, below</source>
        <translation>Pocas existencias, menos de</translation>
    </message>
    <message>
        <source> units</source>
        <translation> unidades</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>Undo the last change made in the table</source>
        <translation>Deshace el último cambio hecho en la tabla</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rehacer</translation>
    </message>
    <message>
        <source>Export to CSV…</source>
        <translation>Exportar a CSV…</translation>
    </message>
    <message>
        <source>Save the products shown, in this order, as a CSV file</source>
        <translation>Guarda los productos mostrados, en este orden, en un archivo CSV</translation>
    </message>
    <message>
        <source>Double-click a name, barcode, stock, price, VAT or cost to change it</source>
        <translation>Haz doble clic en un nombre, código de barras, existencias, precio, IVA o coste para cambiarlo</translation>
    </message>
    <message>
        <source>Exporting to {path}…</source>
        <translation>Exportando a {path}…</translation>
    </message>
    <message>
        <source>Export the products</source>
        <translation>Exportar los productos</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exported {count} products to {path}.</source>
        <translation>Se han exportado {count} productos a {path}.</translation>
    </message>
    <message>
        <source>The export failed: {error}</source>
        <translation>La exportación ha fallado: {error}</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Todas las categorías</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Import a file…</source>
        <translation>&amp;Importar un archivo…</translation>
    </message>
    <message>
        <source>Pricing</source>
        <translation>Precios</translation>
    </message>
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
    <message>
        <source>Cloud queue</source>
        <translation>Cola de la nube</translation>
    </message>
    <message>
        <source>Cloud log</source>
        <translation>Registro de la nube</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>A&amp;justes</translation>
    </message>
    <message>
        <source>&amp;Cloud…</source>
        <translation>&amp;Nube…</translation>
    </message>
    <message>
        <source>The cloud settings were saved, but the cloud cannot be used: {error}</source>
        <translation>Los ajustes de la nube se guardaron, pero la nube no se puede usar: {error}</translation>
    </message>
    <message>
        <source>The cloud settings are saved.</source>
        <translation>Los ajustes de la nube están guardados.</translation>
    </message>
    <message>
        <source>Queued tasks: {done} answered by the cloud, {pending} still waiting, {failed} failed</source>
        <translation>Tareas en cola: {done} respondidas por la nube, {pending} aún en espera, {failed} fallidas</translation>
    </message>
    <message>
        <source>The queued tasks were not sent: {error}</source>
        <translation>Las tareas en cola no se enviaron: {error}</translation>
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
    <message>
        <source>Cost (excl. VAT)</source>
        <translation>Coste (sin IVA)</translation>
    </message>
    <message>
        <source>Not saved: the shop database is busy (an import may be running); try again.</source>
        <translation>No se ha guardado: la base de datos de la tienda está ocupada (quizá haya una importación en curso); inténtalo de nuevo.</translation>
    </message>
    <message>
        <source>Not saved: {sku} was changed elsewhere since it was shown; the table shows it now.</source>
        <translation>No se ha guardado: {sku} se ha cambiado en otro lugar desde que se mostró; la tabla lo muestra ahora.</translation>
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
    <message>
        <source>interrupted: the cloud stopped sending this answer, so it is incomplete</source>
        <translation>interrumpida: la nube dejó de enviar esta respuesta, así que está incompleta</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>provisional — queued for the cloud</source>
        <translation>provisional — en cola para la nube</translation>
    </message>
    <message>
        <source>provisional</source>
        <translation>provisional</translation>
    </message>
    <message>
        <source>saved answer from the cloud</source>
        <translation>respuesta guardada de la nube</translation>
    </message>
    <message>
        <source>saved answer from this computer</source>
        <translation>respuesta guardada de este ordenador</translation>
    </message>
    <message>
        <source>this month&apos;s cloud spending passed the warning level</source>
        <translation>el gasto en la nube de este mes superó el nivel de aviso</translation>
    </message>
</context>
<context>
    <name>Launch</name>
    <message>
        <source>Retail Assistant cannot open the shop</source>
        <translation>Retail Assistant no puede abrir la tienda</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to Retail Assistant</source>
        <translation>Te damos la bienvenida a Retail Assistant</translation>
    </message>
    <message>
        <source>Three choices before you start. Each one can be changed later, and Skip keeps the defaults: the demo shop, and no cloud.</source>
        <translation>Tres elecciones antes de empezar. Puedes cambiar cada una más tarde, y Omitir mantiene lo predeterminado: la tienda de demostración y sin nube.</translation>
    </message>
    <message>
        <source>Two choices before you start. Each one can be changed later, and Skip keeps the defaults: your shop as it is, and no cloud.</source>
        <translation>Dos elecciones antes de empezar. Puedes cambiar cada una más tarde, y Omitir mantiene lo predeterminado: tu tienda tal como está y sin nube.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Productos</translation>
    </message>
    <message>
        <source>Start with the demo shop, a Spanish delicatessen with a year of sales</source>
        <translation>Empezar con la tienda de demostración, un ultramarinos español con un año de ventas</translation>
    </message>
    <message>
        <source>Import my products from a file exported by Shopify or Square</source>
        <translation>Importar mis productos desde un archivo exportado de Shopify o Square</translation>
    </message>
    <message>
        <source>The products file</source>
        <translation>El archivo de productos</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Elegir archivo…</translation>
    </message>
    <message>
        <source>Cloud model (optional)</source>
        <translation>Modelo en la nube (opcional)</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>URL base</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Leave these empty to answer everything on this computer. The API key is not asked here: enter it later in Settings → Cloud…, which keeps it in the system keyring, or set RETAIL_ASSISTANT_CLOUD_API_KEY.</source>
        <translation>Déjalos vacíos para responder todo en este ordenador. Aquí no se pide la clave de la API: escríbela más tarde en Ajustes → Nube…, que la guarda en el llavero del sistema, o define RETAIL_ASSISTANT_CLOUD_API_KEY.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Empezar</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Omitir</translation>
    </message>
    <message>
        <source>The cloud settings are not valid: {error}</source>
        <translation>Los ajustes de la nube no son válidos: {error}</translation>
    </message>
    <message>
        <source>Choose the products file, or start with the demo shop.</source>
        <translation>Elige el archivo de productos o empieza con la tienda de demostración.</translation>
    </message>
    <message>
        <source>The settings cannot be saved: {error}</source>
        <translation>No se pueden guardar los ajustes: {error}</translation>
    </message>
    <message>
        <source>The file was not imported: {error}</source>
        <translation>El archivo no se ha importado: {error}</translation>
    </message>
    <message>
        <source>Choose the products file</source>
        <translation>Elegir el archivo de productos</translation>
    </message>
    <message>
        <source>Product exports (*.csv *.xlsx);;All files (*)</source>
        <translation>Exportaciones de productos (*.csv *.xlsx);;Todos los archivos (*)</translation>
    </message>
</context>
<context>
    <name>CloudLogModel</name>
    <message>
        <source>Tokens sent + tokens received; estimated when the service reports none</source>
        <translation>Tokens enviados + tokens recibidos; estimados cuando el servicio no los indica</translation>
    </message>
    <message>
        <source>In the currency of the prices in the cloud settings</source>
        <translation>En la moneda de los precios de los ajustes de la nube</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Coste</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latencia</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>completada</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>detenida</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>interrumpida</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fallida</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>no enviada</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} s</translation>
    </message>
</context>
<context>
    <name>CloudLogView</name>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Write every cloud call to a CSV file</source>
        <translation>Escribe todas las llamadas a la nube en un archivo CSV</translation>
    </message>
    <message>
        <source>Select a call to see what was sent to the cloud.</source>
        <translation>Selecciona una llamada para ver qué se envió a la nube.</translation>
    </message>
    <message>
        <source>Export the cloud log</source>
        <translation>Exportar el registro de la nube</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Cannot read the cloud log: {error}</source>
        <translation>No se puede leer el registro de la nube: {error}</translation>
    </message>
    <message>
        <source>Wrote {count} calls to {path}</source>
        <translation>Se escribieron {count} llamadas en {path}</translation>
    </message>
    <message>
        <source>Cannot write {path}: {error}; choose another folder</source>
        <translation>No se puede escribir {path}: {error}; elige otra carpeta</translation>
    </message>
    <message>
        <source>This month&apos;s cloud cost: reading…</source>
        <translation>Coste de la nube este mes: leyendo…</translation>
    </message>
    <message>
        <source>This month&apos;s cloud cost: {cost}</source>
        <translation>Coste de la nube este mes: {cost}</translation>
    </message>
    <message>
        <source>no monthly budget set</source>
        <translation>sin presupuesto mensual</translation>
    </message>
    <message>
        <source>monthly budget {budget}, warning at {percent}%</source>
        <translation>presupuesto mensual {budget}, aviso al {percent} %</translation>
    </message>
    <message>
        <source>budget reached: writing tasks are answered on this computer</source>
        <translation>presupuesto agotado: las tareas de redacción se responden en este ordenador</translation>
    </message>
    <message>
        <source>warning level passed</source>
        <translation>nivel de aviso superado</translation>
    </message>
    <message>
        <source>{time} · {outcome} · {model} at {endpoint}</source>
        <translation>{time} · {outcome} · {model} en {endpoint}</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Motivo: {reason}</translation>
    </message>
    <message>
        <source>Error: {error}</source>
        <translation>Error: {error}</translation>
    </message>
    <message>
        <source>What was sent (customer data masked):</source>
        <translation>Lo que se envió (datos de clientes ocultos):</translation>
    </message>
</context>
<context>
    <name>CloudSettingsDialog</name>
    <message>
        <source>Cloud settings</source>
        <translation>Ajustes de la nube</translation>
    </message>
    <message>
        <source>Cloud service</source>
        <translation>Servicio en la nube</translation>
    </message>
    <message>
        <source>What may go to the cloud</source>
        <translation>Qué puede ir a la nube</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Red</translation>
    </message>
    <message>
        <source>Prices per million tokens (for the cost and the budget)</source>
        <translation>Precios por millón de tokens (para el coste y el presupuesto)</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>Proveedor:</translation>
    </message>
    <message>
        <source>Base URL:</source>
        <translation>URL base:</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modelo:</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>Clave de API:</translation>
    </message>
    <message>
        <source>Policy:</source>
        <translation>Política:</translation>
    </message>
    <message>
        <source>Monthly budget:</source>
        <translation>Presupuesto mensual:</translation>
    </message>
    <message>
        <source>Warn at:</source>
        <translation>Avisar al:</translation>
    </message>
    <message>
        <source>Proxy:</source>
        <translation>Proxy:</translation>
    </message>
    <message>
        <source>CA certificate file:</source>
        <translation>Archivo de certificado de CA:</translation>
    </message>
    <message>
        <source>Sent (input):</source>
        <translation>Enviados (entrada):</translation>
    </message>
    <message>
        <source>Received (output):</source>
        <translation>Recibidos (salida):</translation>
    </message>
    <message>
        <source>Other (custom)</source>
        <translation>Otro (personalizado)</translation>
    </message>
    <message>
        <source>Automatic: long writing goes to the cloud</source>
        <translation>Automática: la redacción larga va a la nube</translation>
    </message>
    <message>
        <source>Ask first: only when I choose Cloud for a question</source>
        <translation>Preguntar antes: solo cuando elijo Nube para una pregunta</translation>
    </message>
    <message>
        <source>Local only: nothing is sent</source>
        <translation>Solo local: no se envía nada</translation>
    </message>
    <message>
        <source>In the currency of the prices below; leave empty for no limit</source>
        <translation>En la moneda de los precios de abajo; déjalo vacío para no poner límite</translation>
    </message>
    <message>
        <source>Answers say so once this share of the monthly budget is spent</source>
        <translation>Las respuestas lo indican cuando se ha gastado esta parte del presupuesto mensual</translation>
    </message>
    <message>
        <source>Allow costs, margins and supplier terms to be sent to the cloud</source>
        <translation>Permitir enviar a la nube costes, márgenes y condiciones de proveedores</translation>
    </message>
    <message>
        <source>Leave empty to connect directly</source>
        <translation>Déjalo vacío para conectar directamente</translation>
    </message>
    <message>
        <source>Only for a company network that inspects TLS; leave empty otherwise</source>
        <translation>Solo para una red de empresa que inspecciona TLS; si no, déjalo vacío</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Forget key</source>
        <translation>Olvidar clave</translation>
    </message>
    <message>
        <source>Delete the key saved for this address from the keyring</source>
        <translation>Borra del llavero la clave guardada para esta dirección</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Probar conexión</translation>
    </message>
    <message>
        <source>Check that the address answers, with the key and network settings above</source>
        <translation>Comprueba que la dirección responde, con la clave y los ajustes de red de arriba</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Set by environment variables, so read-only here: {names}.</source>
        <translation>Definido por variables de entorno, así que aquí es de solo lectura: {names}.</translation>
    </message>
    <message>
        <source>The settings were not saved: {error}</source>
        <translation>Los ajustes no se guardaron: {error}</translation>
    </message>
    <message>
        <source>Enter the base URL first.</source>
        <translation>Escribe primero la URL base.</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>Probando la conexión…</translation>
    </message>
    <message>
        <source>Enter the model name, for example gpt-4o-mini.</source>
        <translation>Escribe el nombre del modelo, por ejemplo gpt-4o-mini.</translation>
    </message>
    <message>
        <source>Enter the base URL first: the key is saved for that address.</source>
        <translation>Escribe primero la URL base: la clave se guarda para esa dirección.</translation>
    </message>
    <message>
        <source>Enter both prices, or leave both empty.</source>
        <translation>Escribe los dos precios o deja los dos vacíos.</translation>
    </message>
    <message>
        <source>Enter an amount of 0 or more, such as 20.00, or leave it empty.</source>
        <translation>Escribe un importe de 0 o más, como 20,00, o déjalo vacío.</translation>
    </message>
    <message>
        <source>The API key comes from the environment variable {variable}; change it there.</source>
        <translation>La clave de API viene de la variable de entorno {variable}; cámbiala allí.</translation>
    </message>
    <message>
        <source>This computer has no usable keyring ({detail}), so the API key cannot be saved here. Set it in the environment variable {variable} before starting the app; the key is never written to a file.</source>
        <translation>Este ordenador no tiene un llavero utilizable ({detail}), así que la clave de API no se puede guardar aquí. Ponla en la variable de entorno {variable} antes de abrir la aplicación; la clave nunca se escribe en un archivo.</translation>
    </message>
    <message>
        <source>A key for this address is saved in this computer&apos;s keyring. Type a new one to replace it.</source>
        <translation>Hay una clave para esta dirección guardada en el llavero de este ordenador. Escribe otra para sustituirla.</translation>
    </message>
    <message>
        <source>No key is saved for this address. Servers on this computer or the shop&apos;s network (Ollama, llama.cpp, vLLM) need none.</source>
        <translation>No hay ninguna clave guardada para esta dirección. Los servidores de este ordenador o de la red de la tienda (Ollama, llama.cpp, vLLM) no la necesitan.</translation>
    </message>
    <message>
        <source>saved; type to replace</source>
        <translation>guardada; escribe para sustituirla</translation>
    </message>
    <message>
        <source>Reachable: the service answered and listed its models in {milliseconds} ms.</source>
        <translation>Accesible: el servicio respondió y listó sus modelos en {milliseconds} ms.</translation>
    </message>
    <message>
        <source>Reachable, but the service refused the request: {reason}</source>
        <translation>Accesible, pero el servicio rechazó la petición: {reason}</translation>
    </message>
    <message>
        <source>Not reachable: {reason}</source>
        <translation>No accesible: {reason}</translation>
    </message>
    <message>
        <source>Choose the CA certificate file</source>
        <translation>Elige el archivo de certificado de CA</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificados PEM (*.pem *.crt *.cer);;Todos los archivos (*)</translation>
    </message>
</context>
<context>
    <name>OnlineStatusLabel</name>
    <message>
        <source>Cloud: online</source>
        <translation>Nube: conectada</translation>
    </message>
    <message>
        <source>Cloud: offline ({reason})</source>
        <translation>Nube: sin conexión ({reason})</translation>
    </message>
    <message>
        <source>Cloud: not set up</source>
        <translation>Nube: sin configurar</translation>
    </message>
    <message>
        <source>Cloud: local only</source>
        <translation>Nube: solo local</translation>
    </message>
    <message>
        <source>Cloud: checking…</source>
        <translation>Nube: comprobando…</translation>
    </message>
    <message>
        <source>The cloud service at {endpoint} answers; long writing tasks may go there.</source>
        <translation>El servicio en la nube de {endpoint} responde; las tareas de redacción largas pueden ir allí.</translation>
    </message>
    <message>
        <source>The cloud service at {endpoint} cannot be used: {reason}. Writing tasks are answered on this computer and queued for the cloud.</source>
        <translation>El servicio en la nube de {endpoint} no se puede usar: {reason}. Las tareas de redacción se responden en este ordenador y quedan en cola para la nube.</translation>
    </message>
    <message>
        <source>The cloud service at {endpoint} needs a model name and, for most providers, an API key: open Settings → Cloud…</source>
        <translation>El servicio en la nube de {endpoint} necesita un nombre de modelo y, en la mayoría de proveedores, una clave de API: abre Ajustes → Nube…</translation>
    </message>
    <message>
        <source>No cloud service is set up; every answer is made on this computer. Set one up in Settings → Cloud…</source>
        <translation>No hay ningún servicio en la nube configurado; todas las respuestas se hacen en este ordenador. Configura uno en Ajustes → Nube…</translation>
    </message>
    <message>
        <source>The shop&apos;s policy is local only: every answer is made on this computer and nothing is sent out.</source>
        <translation>La política de la tienda es solo local: todas las respuestas se hacen en este ordenador y no se envía nada fuera.</translation>
    </message>
    <message>
        <source>Checking whether the cloud service answers…</source>
        <translation>Comprobando si el servicio en la nube responde…</translation>
    </message>
</context>
<context>
    <name>QueueTableModel</name>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creada</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Pregunta</translation>
    </message>
    <message>
        <source>Provisional answer</source>
        <translation>Respuesta provisional</translation>
    </message>
    <message>
        <source>Cloud answer</source>
        <translation>Respuesta de la nube</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>en espera</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>enviando</translation>
    </message>
    <message>
        <source>done</source>
        <translation>hecha</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fallida</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>Run now</source>
        <translation>Enviar ahora</translation>
    </message>
    <message>
        <source>Send the waiting tasks to the cloud now</source>
        <translation>Envía ahora a la nube las tareas en espera</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Remove the selected tasks that are done or failed</source>
        <translation>Quita las tareas seleccionadas que están hechas o fallidas</translation>
    </message>
    <message>
        <source>Select a task to read its question and answers in full.</source>
        <translation>Selecciona una tarea para leer completas su pregunta y sus respuestas.</translation>
    </message>
    <message>
        <source>Cannot read the queue: {error}</source>
        <translation>No se puede leer la cola: {error}</translation>
    </message>
    <message>
        <source>Cannot remove the tasks: {error}</source>
        <translation>No se pueden quitar las tareas: {error}</translation>
    </message>
    <message>
        <source>Waiting for the cloud: {waiting} of {total} tasks</source>
        <translation>En espera de la nube: {waiting} de {total} tareas</translation>
    </message>
    <message>
        <source>sending the waiting tasks to the cloud…</source>
        <translation>enviando a la nube las tareas en espera…</translation>
    </message>
    <message>
        <source>Question ({status}, asked {created}):</source>
        <translation>Pregunta ({status}, planteada el {created}):</translation>
    </message>
    <message>
        <source>Provisional answer, made on this computer:</source>
        <translation>Respuesta provisional, hecha en este ordenador:</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguna)</translation>
    </message>
    <message>
        <source>Cloud answer:</source>
        <translation>Respuesta de la nube:</translation>
    </message>
    <message>
        <source>(not yet)</source>
        <translation>(todavía no)</translation>
    </message>
    <message>
        <source>Last error:</source>
        <translation>Último error:</translation>
    </message>
</context>
<context>
    <name>RecommendationTableModel</name>
    <message>
        <source>Accept</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <source>Current price</source>
        <translation>Precio actual</translation>
    </message>
    <message>
        <source>New price</source>
        <translation>Precio nuevo</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <source>Profit now</source>
        <translation>Beneficio actual</translation>
    </message>
    <message>
        <source>Profit at new price</source>
        <translation>Beneficio con el precio nuevo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Main reason</source>
        <translation>Motivo principal</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>Aplicado</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Aceptado</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rechazado</translation>
    </message>
    <message>
        <source>No change</source>
        <translation>Sin cambio</translation>
    </message>
    <message>
        <source>Clearance</source>
        <translation>Liquidación</translation>
    </message>
</context>
<context>
    <name>PricingView</name>
    <message>
        <source>All products</source>
        <translation>Todos los productos</translation>
    </message>
    <message>
        <source>Expiring soon</source>
        <translation>Caducan pronto</translation>
    </message>
    <message>
        <source>Slow movers</source>
        <translation>Rotación lenta</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Accept selected</source>
        <translation>Aceptar seleccionados</translation>
    </message>
    <message>
        <source>Reject selected</source>
        <translation>Rechazar seleccionados</translation>
    </message>
    <message>
        <source>Apply accepted</source>
        <translation>Aplicar aceptados</translation>
    </message>
    <message>
        <source>Undo last</source>
        <translation>Deshacer último</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Change the shelf prices of the accepted recommendations</source>
        <translation>Cambia los precios de venta de las recomendaciones aceptadas</translation>
    </message>
    <message>
        <source>Restore the prices changed by the last apply</source>
        <translation>Restaura los precios que cambió la última aplicación</translation>
    </message>
    <message>
        <source>Computing price recommendations…</source>
        <translation>Calculando las recomendaciones de precios…</translation>
    </message>
    <message>
        <source>Accept at least one recommendation that changes a price first.</source>
        <translation>Acepta primero al menos una recomendación que cambie un precio.</translation>
    </message>
    <message>
        <source>Applying {count} price changes…</source>
        <translation>Aplicando {count} cambios de precio…</translation>
    </message>
    <message>
        <source>Undoing the last price changes…</source>
        <translation>Deshaciendo los últimos cambios de precio…</translation>
    </message>
    <message>
        <source>Exported {count} recommendations to {path}</source>
        <translation>Exportadas {count} recomendaciones a {path}</translation>
    </message>
    <message>
        <source>{count} products priced, {changes} price changes recommended. Prices include VAT.</source>
        <translation>{count} productos analizados, {changes} cambios de precio recomendados. Los precios incluyen IVA.</translation>
    </message>
    <message>
        <source>Applied {count} price changes. Undo last restores them.</source>
        <translation>Aplicados {count} cambios de precio. «Deshacer último» los restaura.</translation>
    </message>
    <message>
        <source>Undone: {count} prices restored.</source>
        <translation>Deshecho: {count} precios restaurados.</translation>
    </message>
    <message>
        <source>Export recommendations</source>
        <translation>Exportar recomendaciones</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Cannot export: {error}</source>
        <translation>No se puede exportar: {error}</translation>
    </message>
    <message>
        <source>The pricing model cannot run</source>
        <translation>El modelo de precios no puede ejecutarse</translation>
    </message>
    <message>
        <source>The shop database cannot be read or written</source>
        <translation>No se puede leer ni escribir la base de datos de la tienda</translation>
    </message>
    <message>
        <source>Nothing was applied</source>
        <translation>No se ha aplicado nada</translation>
    </message>
    <message>
        <source>Nothing was undone</source>
        <translation>No se ha deshecho nada</translation>
    </message>
    <message>
        <source>Pricing failed</source>
        <translation>El cálculo de precios ha fallado</translation>
    </message>
    <message>
        <source>Pricing failed: unexpected error (the log file has the details)</source>
        <translation>El cálculo de precios ha fallado: error inesperado (los detalles están en el archivo de registro)</translation>
    </message>
</context>
<context>
    <name>InventoryEdit</name>
    <message>
        <source>A product needs a price; type one, like 12.50.</source>
        <translation>Un producto necesita un precio; escribe uno, por ejemplo 12,50.</translation>
    </message>
    <message>
        <source>A product needs a name.</source>
        <translation>Un producto necesita un nombre.</translation>
    </message>
    <message>
        <source>The name is {length} characters long; the limit is {limit}.</source>
        <translation>El nombre tiene {length} caracteres; el límite es {limit}.</translation>
    </message>
    <message>
        <source>{value} is in scientific notation and has lost digits; type the whole code.</source>
        <translation>{value} está en notación científica y ha perdido cifras; escribe el código completo.</translation>
    </message>
    <message>
        <source>A barcode has at most {limit} characters on one line.</source>
        <translation>Un código de barras tiene como mucho {limit} caracteres en una sola línea.</translation>
    </message>
    <message>
        <source>The check digit of the {name} {value} should be {expected}; check the code on the label.</source>
        <translation>El dígito de control del {name} {value} debería ser {expected}; revisa el código de la etiqueta.</translation>
    </message>
    <message>
        <source>{value}: an amount cannot be negative.</source>
        <translation>{value}: un importe no puede ser negativo.</translation>
    </message>
    <message>
        <source>{value} is too large; check the number.</source>
        <translation>{value} es demasiado grande; revisa el número.</translation>
    </message>
    <message>
        <source>{value}: round the amount to whole cents.</source>
        <translation>{value}: redondea el importe a céntimos.</translation>
    </message>
    <message>
        <source>{value}: use at most three decimals.</source>
        <translation>{value}: usa como mucho tres decimales.</translation>
    </message>
    <message>
        <source>Type a VAT rate in percent, like 21.</source>
        <translation>Escribe el IVA en porcentaje, por ejemplo 21.</translation>
    </message>
    <message>
        <source>{value}: a VAT rate is between 0 and 100 %.</source>
        <translation>{value}: el IVA está entre 0 y 100 %.</translation>
    </message>
    <message>
        <source>{value}: use at most two decimals.</source>
        <translation>{value}: usa como mucho dos decimales.</translation>
    </message>
    <message>
        <source>{value} is not a number; type it like {example}.</source>
        <translation>{value} no es un número; escríbelo así: {example}.</translation>
    </message>
    <message>
        <source>{value}: type the number without a currency other than €.</source>
        <translation>{value}: escribe el número sin una moneda distinta del €.</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import products or sales</source>
        <translation>Importar productos o ventas</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Elige un archivo</translation>
    </message>
    <message>
        <source>A CSV or Excel (.xlsx) file from your point of sale or your own spreadsheet.</source>
        <translation>Un archivo CSV o Excel (.xlsx) de tu TPV o de tu propia hoja de cálculo.</translation>
    </message>
    <message>
        <source>Check how the file was read</source>
        <translation>Comprueba cómo se ha leído el archivo</translation>
    </message>
    <message>
        <source>Nothing has been written yet. Import writes everything below in one step.</source>
        <translation>Todavía no se ha guardado nada. Importar guarda todo lo de abajo de una vez.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Path of the CSV or XLSX file</source>
        <translation>Ruta del archivo CSV o XLSX</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Contenido</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>Rows already in the shop</source>
        <translation>Filas que ya están en la tienda</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Productos</translation>
    </message>
    <message>
        <source>Sales lines</source>
        <translation>Líneas de venta</translation>
    </message>
    <message>
        <source>Detect from the header</source>
        <translation>Detectar por la cabecera</translation>
    </message>
    <message>
        <source>Shopify export</source>
        <translation>Exportación de Shopify</translation>
    </message>
    <message>
        <source>Square export</source>
        <translation>Exportación de Square</translation>
    </message>
    <message>
        <source>Other (map the columns)</source>
        <translation>Otro (asignar las columnas)</translation>
    </message>
    <message>
        <source>Update them with the file's values</source>
        <translation>Actualizarlas con los valores del archivo</translation>
    </message>
    <message>
        <source>Leave them as they are</source>
        <translation>Dejarlas como están</translation>
    </message>
    <message>
        <source>Import nothing if there are any</source>
        <translation>No importar nada si hay alguna</translation>
    </message>
    <message>
        <source>Undo the last import</source>
        <translation>Deshacer la última importación</translation>
    </message>
    <message>
        <source>Undo this import</source>
        <translation>Deshacer esta importación</translation>
    </message>
    <message>
        <source>Read again with these columns</source>
        <translation>Volver a leer con estas columnas</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Columnas</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Columna</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>Decimal mark or date order</source>
        <translation>Separador decimal u orden de la fecha</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>Detectado</translation>
    </message>
    <message>
        <source>Sample cells → values read</source>
        <translation>Celdas de ejemplo → valores leídos</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Fila</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Reading {path}…</source>
        <translation>Leyendo {path}…</translation>
    </message>
    <message>
        <source>Importing {path}…</source>
        <translation>Importando {path}…</translation>
    </message>
    <message>
        <source>The file cannot be imported:
{error}</source>
        <translation>No se puede importar el archivo:
{error}</translation>
    </message>
    <message>
        <source>Imported as import number {number}.
{counts}</source>
        <translation>Importado como importación número {number}.
{counts}</translation>
    </message>
    <message>
        <source>Nothing was imported:
{error}</source>
        <translation>No se ha importado nada:
{error}</translation>
    </message>
    <message>
        <source>Undid import number {number}: {restored} products restored, {deleted} rows deleted.</source>
        <translation>Deshecha la importación número {number}: {restored} productos restaurados, {deleted} filas borradas.</translation>
    </message>
    <message>
        <source>Kept because they changed after the import:</source>
        <translation>Se conservan porque cambiaron después de la importación:</translation>
    </message>
    <message>
        <source>Nothing was undone:
{error}</source>
        <translation>No se ha deshecho nada:
{error}</translation>
    </message>
    <message>
        <source>comma</source>
        <translation>coma</translation>
    </message>
    <message>
        <source>semicolon</source>
        <translation>punto y coma</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>tabulador</translation>
    </message>
    <message>
        <source>vertical bar</source>
        <translation>barra vertical</translation>
    </message>
    <message>
        <source>Layout: {format}. Encoding: {encoding}. Separator: {separator}.
{counts}</source>
        <translation>Formato: {format}. Codificación: {encoding}. Separador: {separator}.
{counts}</translation>
    </message>
    <message>
        <source>none (workbook)</source>
        <translation>ninguno (libro de Excel)</translation>
    </message>
    <message>
        <source>Rejected rows: {count}</source>
        <translation>Filas rechazadas: {count}</translation>
    </message>
    <message>
        <source>Rows imported with a warning: {count}</source>
        <translation>Filas importadas con un aviso: {count}</translation>
    </message>
    <message>
        <source>{new} sales lines to add, {replaced} stored lines replaced, {skipped} skipped, {rejected} rejected, {flagged} with a warning.</source>
        <translation>{new} líneas de venta nuevas, {replaced} líneas guardadas sustituidas, {skipped} omitidas, {rejected} rechazadas, {flagged} con aviso.</translation>
    </message>
    <message>
        <source>{new} new, {updated} updated, {unchanged} unchanged, {skipped} skipped, {rejected} rejected, {flagged} with a warning.</source>
        <translation>{new} nuevos, {updated} actualizados, {unchanged} sin cambios, {skipped} omitidos, {rejected} rechazados, {flagged} con aviso.</translation>
    </message>
    <message>
        <source>(not used)</source>
        <translation>(sin usar)</translation>
    </message>
    <message>
        <source>detected</source>
        <translation>detectado</translation>
    </message>
    <message>
        <source>decimal comma</source>
        <translation>coma decimal</translation>
    </message>
    <message>
        <source>decimal point</source>
        <translation>punto decimal</translation>
    </message>
    <message>
        <source>day first</source>
        <translation>día primero</translation>
    </message>
    <message>
        <source>month first</source>
        <translation>mes primero</translation>
    </message>
    <message>
        <source>Choose the file to import</source>
        <translation>Elige el archivo que quieres importar</translation>
    </message>
    <message>
        <source>CSV and Excel files (*.csv *.txt *.tsv *.xlsx);;All files (*)</source>
        <translation>Archivos CSV y Excel (*.csv *.txt *.tsv *.xlsx);;Todos los archivos (*)</translation>
    </message>
</context>
</TS>
