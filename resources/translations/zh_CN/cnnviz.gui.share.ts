<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.share</name>
    <message>
      <location filename="cnnviz/gui/share.py" />
      <source>PNG images (*.png)</source>
      <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/share.py" />
      <source>SVG drawings (*.svg)</source>
      <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/share.py" />
      <source>the picture could not be made (the dock has no size)</source>
      <translation>无法生成图片（面板没有尺寸）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/share.py" />
      <source>the drawing could not be made (the dock has no size)</source>
      <translation>无法生成矢量图（面板没有尺寸）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/share.py" />
      <source>the {title} dock shows nothing</source>
      <translation>“{title}”面板没有显示任何内容</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/share.py" />
      <source>the {title} dock is not shown; bring it to the front first</source>
      <translation>“{title}”面板没有显示；请先把它切换到前面</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/share.py" />
      <source>unknown picture format '{fmt}'; the formats are: png, svg</source>
      <translation>未知的图片格式“{fmt}”；可用的格式：png、svg</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/share.py" />
      <source>saved {title} to {path}</source>
      <translation>已将“{title}”保存到 {path}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/share.py" />
      <source>no dock to export: click into a dock first</source>
      <translation>没有可导出的面板：请先点击一个面板</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/share.py" />
      <source>Export {title}</source>
      <translation>导出“{title}”</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/share.py" />
      <source>no dock to copy: click into a dock first</source>
      <translation>没有可复制的面板：请先点击一个面板</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/share.py" />
      <source>copied {title} to the clipboard</source>
      <translation>已将“{title}”复制到剪贴板</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/share.py" />
      <source>Export as &amp;PNG…</source>
      <translation>导出为 PNG(&amp;P)…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/share.py" />
      <source>Export as &amp;SVG…</source>
      <translation>导出为 SVG(&amp;S)…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/share.py" />
      <source>&amp;Copy to clipboard</source>
      <translation>复制到剪贴板(&amp;C)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/share.py" />
      <source>&amp;Docks</source>
      <translation>面板(&amp;D)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/share.py" />
      <source>E&amp;xport dock as PNG…</source>
      <translation>将面板导出为 PNG(&amp;X)…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/share.py" />
      <source>Export dock as SV&amp;G…</source>
      <translation>将面板导出为 SVG(&amp;G)…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/share.py" />
      <source>Cop&amp;y dock to clipboard</source>
      <translation>将面板复制到剪贴板(&amp;Y)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/share.py" />
      <source>Save cap&amp;ture (.safetensors)…</source>
      <translation>保存捕获结果 (.safetensors)(&amp;T)…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/share.py" />
      <source>Save layer's &amp;activations (.npy)…</source>
      <translation>保存该层的激活 (.npy)(&amp;A)…</translation>
    </message>
  </context>
</TS>
