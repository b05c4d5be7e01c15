<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.lessons.shared_weights</name>
    <message>
      <location filename="cnnviz/core/lessons/shared_weights.py" />
      <source>Shared weights and location</source>
      <translation>权重共享与位置</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/shared_weights.py" />
      <source>A convolution uses the same small set of weights at every position. So a pattern is found wherever it sits, and when the digit moves, the feature maps move with it: by the shift divided by the layer's stride (its step in input pixels).

The bars compare each layer's output for the moved digit with the original's: at the same places (blue), and after moving the original maps along (orange, away from the borders). Pooling makes blue fall a little less. The fully connected layer has its own weights for every position: it shares nothing, needs far more weights, and its prediction can change.</source>
      <translation>卷积在每个位置都使用同一小组权重。因此，无论图案出现在哪里都能被找到；数字移动时，特征图也随之移动，移动量等于平移量除以该层的步幅（该层在输入像素上的步长）。

柱状图把每一层对移动后数字的输出与原图的输出相比较：一种是在相同位置直接比较（蓝色），另一种是先把原图的特征图跟着平移再比较（橙色，只看远离边界的部分）。池化之后，蓝色下降得少一些。全连接层在每个位置都有各自的权重：它不共享任何权重，需要的权重多得多，预测结果也可能改变。</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/shared_weights.py" />
      <source>Drag the horizontal shift to 4 pixels: the maps of conv1 move 4 of their pixels, those after the second pooling (stride 4) only one, and the orange bars stay at 1. Then try 3 pixels, and a rotation.</source>
      <translation>把水平平移拖到 4 像素：conv1 的特征图移动 4 个像素，第二次池化之后（步幅 4）的特征图只移动 1 个像素，而橙色柱保持在 1。再试试 3 像素，以及旋转。</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/shared_weights.py" />
      <source>the {name} must be a whole number of pixels, not {value!r}</source>
      <translation>{name}必须是整数个像素，而不是 {value!r}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/shared_weights.py" />
      <source>an input to move must be a [C, H, W] or [N, C, H, W] tensor</source>
      <translation>要移动的输入必须是 [C, H, W] 或 [N, C, H, W] 张量</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/shared_weights.py" />
      <source>horizontal shift</source>
      <translation>水平平移</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/shared_weights.py" />
      <source>vertical shift</source>
      <translation>垂直平移</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/shared_weights.py" />
      <source>a shift of ({dx}, {dy}) pixels moves the {w}x{h} input out of sight</source>
      <translation>平移 ({dx}, {dy}) 像素会把 {w}x{h} 的输入完全移出画面</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/shared_weights.py" />
      <source>the rotation must be a number of degrees from -180 to 180, not {value!r}</source>
      <translation>旋转角度必须是 -180 到 180 之间的度数，而不是 {value!r}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/shared_weights.py" />
      <source>the fill needs one value or one per channel ({n}), not {m}</source>
      <translation>填充值需要一个，或每个通道一个（{n} 个），而不是 {m} 个</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/shared_weights.py" />
      <source>'{key}' is not a convolution of this model</source>
      <translation>“{key}”不是该模型中的卷积层</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/shared_weights.py" />
      <source>the summary does not say the input and output sizes of '{key}'</source>
      <translation>模型摘要中没有“{key}”的输入和输出尺寸</translation>
    </message>
  </context>
</TS>
